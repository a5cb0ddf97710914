package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.news.NewsWire;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.NewsFixtures;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The native /ws beyond quotes by name: maxRate, '*', the news channel. */
@HubTest
class NativeChannelsTest {

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    NewsWire news;

    private WsClient connect() {
        WsClient client = WsClient.connect(port, "/ws", true);
        client.next("\"type\":\"connection\"");
        return client;
    }

    @Test
    void maxRateHoldsUpdatesWithinTheIntervalAndSendsTheLatestMarkedConflatedWhenItEnds() {
        feed.price("NCH1", 1);
        WsClient client = connect();
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"NCH1\"],\"snapshot\":false,\"maxRate\":1}");
        client.next("\"type\":\"subscription\"");

        Quote first = feed.price("NCH1", 2);
        feed.price("NCH1", 3);
        Quote last = feed.price("NCH1", 4);
        assertThat(client.next("NCH1")).contains("\"seq\":" + first.seq());

        feed.clock().advance(Duration.ofSeconds(1)); // the stream housekeeping releases it on its next tick
        String released = client.next("NCH1");
        assertThat(released).contains("\"seq\":" + last.seq()).contains("\"conflated\":1");
        client.close();
    }

    @Test
    void wildcardGetsEverySymbolIncludingOnesThatAppearLater() {
        feed.price("NCH2", 1);
        WsClient client = connect();
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"*\"]}");
        assertThat(client.next("\"symbol\":\"NCH2\"")).contains("\"snapshot\":true");

        feed.price("NCH_LATER", 7);
        assertThat(client.next("\"symbol\":\"NCH_LATER\"")).doesNotContain("snapshot");
        client.send("{\"action\":\"list\"}");
        assertThat(client.next("\"type\":\"subscriptions\"")).contains("\"quotes\":[\"*\"]");
        client.close();
    }

    @Test
    void newsChannelDeliversItemsAboutTheSubscribedSymbols() {
        WsClient client = connect();
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"NCH3\"],\"channels\":[\"news\"]}");
        assertThat(client.next("\"type\":\"subscription\"")).contains("\"accepted\":[\"NCH3\"]");

        news.publish(NewsFixtures.item("nch-1", "ELSE"));
        news.publish(NewsFixtures.item("nch-2", "NCH3"));

        assertThat(client.next("\"type\":\"news\"")).contains("\"id\":\"nch-2\"").contains("\"headline\":\"Headline nch-2\"");
        client.close();
    }

    @Test
    void barChannelsCarryEachChangeOfTheSymbolsBar() {
        feed.price("NCH4", 50);
        WsClient client = connect();
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"NCH4\"],\"channels\":[\"bars.1m\"]}");
        assertThat(client.next("\"type\":\"bar\"")).contains("\"symbol\":\"NCH4\"").contains("\"interval\":\"1m\"")
                .contains("\"o\":50.0");

        feed.price("NCH4", 55);

        assertThat(client.next("\"type\":\"bar\"")).contains("\"h\":55.0").contains("\"c\":55.0")
                .contains("\"n\":2");
        client.close();
    }
}
