package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.fanout.BarFanOut;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.fanout.NewsFanOut;
import io.tickhub.core.fanout.SubscriptionBudget;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.TestHubConfig;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The subscription limits and the resume range over a real socket: 5 subscriptions per connection
 * over every channel, 8 per hub; each refusal is an error frame with its code, the connection
 * stays, the refusal is counted, and every count returns to zero when the clients go.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.stream.max-subscriptions=5",
        "tickhub.stream.max-hub-subscriptions=8", "tickhub.stream.max-messages-per-second=1000"})
@Import(TestHubConfig.class)
class SubscriptionLimitsProtocolTest {

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    FanOut fanOut;
    @Autowired
    NewsFanOut news;
    @Autowired
    BarFanOut bars;
    @Autowired
    SubscriptionBudget subscriptions;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void everyEarlierClientHasGone() {
        awaitNoSubscriptions();
    }

    private void awaitNoSubscriptions() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(subscriptions.total()).isZero();
            assertThat(fanOut.subscriptions() + news.subscriptions() + bars.subscriptions()).isZero();
            assertThat(meters.get("tickhub.stream.channel.subscriptions").gauge().value()).isZero();
        });
    }

    private WsClient connect() {
        WsClient client = WsClient.connect(port, "/ws", true);
        assertThat(client.next("connection")).contains("\"max_subscriptions\":5");
        return client;
    }

    private double refused(String limit) {
        var counter = meters.find("tickhub.limits.refused").tag("limit", limit).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void assertStays(WsClient client) {
        client.send("{\"action\":\"ping\",\"id\":7}");
        assertThat(client.next("pong")).isEqualTo("{\"type\":\"pong\",\"id\":7}");
    }

    @Test
    void subscriptionsOnEveryChannelCountTowardOneLimitAndTheRestAreRefusedWithAnErrorFrame() {
        double before = refused("subscriptions_per_connection");
        WsClient client = connect();

        client.send("{\"action\":\"subscribe\",\"symbols\":[\"LA\",\"LB\",\"LC\"],\"channels\":[\"news\",\"bars.1m\"]}");

        assertThat(client.next("subscription")).contains("\"accepted\":[\"LA\",\"LB\",\"LC\"]")
                .contains("{\"symbol\":\"LC\",\"reason\":\"too_many_subscriptions\",\"channel\":\"bars.1m\"}");
        assertThat(client.next("error")).contains("\"code\":\"too_many_subscriptions\"");
        assertStays(client);
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"*\"],\"channels\":[\"quotes\"]}");
        assertThat(client.next("subscription")).contains("\"accepted\":[]");
        assertThat(client.next("error")).contains("\"code\":\"too_many_subscriptions\"");
        assertThat(subscriptions.total()).isEqualTo(5);
        assertThat(refused("subscriptions_per_connection")).isEqualTo(before + 2);

        client.close();
        awaitNoSubscriptions();
    }

    @Test
    void theHubTotalIsSharedByEveryConnectionAndRefusedWithItsOwnCode() {
        double before = refused("subscriptions_per_hub");
        WsClient first = connect();
        WsClient second = connect();
        first.send("{\"action\":\"subscribe\",\"symbols\":[\"HA\",\"HB\",\"HC\",\"HD\",\"HE\"]}");
        first.next("subscription");

        second.send("{\"action\":\"subscribe\",\"symbols\":[\"HA\",\"HB\",\"HC\",\"HD\"],\"channels\":[\"news\"]}");

        assertThat(second.next("subscription")).contains("\"accepted\":[\"HA\",\"HB\",\"HC\"]")
                .contains("{\"symbol\":\"HD\",\"reason\":\"hub_subscriptions_full\",\"channel\":\"news\"}");
        assertThat(second.next("error")).contains("\"code\":\"hub_subscriptions_full\"");
        assertStays(second);
        assertThat(refused("subscriptions_per_hub")).isEqualTo(before + 1);

        first.abort(); // however a client goes, its subscriptions are released
        second.close();
        awaitNoSubscriptions();
    }

    @Test
    void aResumeSeqOutOfRangeIsABadRequestAndTheConnectionStays() {
        WsClient client = connect();
        String tooLarge = BigInteger.ONE.shiftLeft(63).toString(); // 2^63: no Java long holds it

        for (String seq : new String[] {tooLarge, "-1", "1e30", "18446744073709551616"}) {
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"RZ\"],\"resume\":{\"RZ\":" + seq + "}}");
            String error = client.next("error");
            assertThat(error).as("resume seq %s", seq).contains("\"code\":\"bad_request\"").contains("resume.RZ");
            assertStays(client);
        }
        assertThat(subscriptions.total()).as("nothing of a bad request is applied").isZero();
        client.close();
    }

    @Test
    void aResumeAtTheLargestSeqSaysIncompleteFromThatSeqWithoutOverflowing() {
        feed.prices("RMAX", 10, 11, 12);
        WsClient client = connect();

        client.send("{\"action\":\"subscribe\",\"symbols\":[\"RMAX\"],\"resume\":{\"RMAX\":" + Long.MAX_VALUE + "}}");

        String recovered = client.next("recovered");
        assertThat(recovered).contains("\"from\":" + Long.MAX_VALUE).contains("\"to\":3").contains("\"complete\":false");
        assertThat(client.next("RMAX")).contains("\"snapshot\":true").contains("\"seq\":3");
        client.close();
        awaitNoSubscriptions();
    }
}
