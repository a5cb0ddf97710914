package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.fanout.FanOut;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.core.quote.Timestamps;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** System E's /ws/{ticker_id}: E-shaped price_update frames, 4004 for unknown tickers. */
@HubTest
class PriceSystemStreamTest {

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    FanOut fanOut;

    @Test
    void currentPriceThenEachUpdateInSystemEsShapeRoundedToCents() {
        feed.price("ITEM_W1", 101.236);
        WsClient client = WsClient.connect(port, "/ws/ITEM_W1", true);

        assertThat(client.next()).isEqualTo("{\"type\":\"price_update\",\"data\":{\"ticker_id\":\"ITEM_W1\","
                + "\"price\":101.24,\"timestamp\":\"" + Timestamps.iso(feed.clock().instant()) + "\"}}");
        var q = feed.prices("ITEM_W1", 102.5);
        assertThat(client.next()).isEqualTo("{\"type\":\"price_update\",\"data\":{\"ticker_id\":\"ITEM_W1\","
                + "\"price\":102.5,\"timestamp\":\"" + Timestamps.iso(q.hubTime()) + "\"}}");
        client.send("ping");
        assertThat(client.next()).isEqualTo("pong");
        client.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> fanOut.subscriberCount("ITEM_W1") == 0);
    }

    @Test
    void tickerIdIsMatchedCaseInsensitively() {
        feed.price("ITEM_W2", 5);
        WsClient client = WsClient.connect(port, "/ws/item_w2", true);
        assertThat(client.next()).contains("\"ticker_id\":\"ITEM_W2\"");
        client.close();
    }

    @Test
    void unknownTickerIsAcceptedThenClosedWith4004() {
        WsClient client = WsClient.connect(port, "/ws/ITEM_NOPE", true);
        assertThat(client.awaitClose()).isEqualTo(4004);
    }

    @Test
    void nativeEndpointStillAnswersAtWs() {
        WsClient client = WsClient.connect(port, "/ws", true);
        assertThat(client.next()).contains("\"type\":\"connection\"");
        client.close();
    }
}
