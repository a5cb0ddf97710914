package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.news.NewsWire;
import io.tickhub.core.testing.NewsFixtures;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** System A's /ws/prices and /ws/news with a real WebSocket client. */
@HubTest
class TickerHubStreamTest {

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    FanOut fanOut;
    @Autowired
    NewsWire news;
    @Autowired
    ObjectMapper json;

    private JsonNode parse(String frame) {
        return json.readTree(frame);
    }

    @Test
    void snapshotOfEveryRecordThenOneWholeRecordPerUpdate() {
        feed.price("THA1", 100);
        WsClient client = WsClient.connect(port, "/ws/prices", true);

        JsonNode snapshot = parse(client.next());
        assertThat(snapshot.isObject()).isTrue();
        assertThat(snapshot.get("THA1").get("price").asDouble()).isEqualTo(100.0);

        feed.prices("THA1", 110);
        JsonNode update = parse(client.next("THA1"));
        assertThat(update.propertyNames()).containsExactly("THA1");
        JsonNode record = update.get("THA1");
        assertThat(record.get("price").asDouble()).isEqualTo(110.0);
        assertThat(record.get("publishedTime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(record.get("meta").get("symbol").asString()).isEqualTo("THA1");
        assertThat(record.get("meta").get("change").asDouble()).isEqualTo(10.0);
        client.close();
    }

    @Test
    void watchlistRepliesWithItsSnapshotAndItsUpdatesKeepFlowing() {
        feed.price("THA2", 1);
        feed.price("THA3", 1);
        WsClient client = WsClient.connect(port, "/ws/prices", true);
        client.next(); // the full snapshot

        client.send("{\"watchlist\": [\"tha2\", \"THA_NEW\"]}");
        JsonNode filtered = parse(client.next());
        assertThat(filtered.propertyNames()).containsExactly("THA2");

        feed.prices("THA3", 2);
        feed.prices("THA2", 2);
        feed.price("THA_NEW", 5);
        assertThat(parse(client.next()).propertyNames()).containsExactly("THA2");
        assertThat(parse(client.next()).propertyNames()).as("unknown symbols flow once they exist")
                .containsExactly("THA_NEW");
        client.close();
    }

    @Test
    void aStringWatchlistIsOneSymbolNotItsCharacters() {
        feed.price("THA4", 1);
        WsClient client = WsClient.connect(port, "/ws/prices", true);
        client.next();

        client.send("{\"watchlist\": \"THA4\"}");

        assertThat(parse(client.next()).propertyNames()).containsExactly("THA4");
        assertThat(fanOut.subscriberCount("T")).isZero();
        client.close();
    }

    @Test
    void badMessagesGetErrorFramesAndTheConnectionStays() {
        WsClient client = WsClient.connect(port, "/ws/prices", true);
        client.next();

        for (String bad : List.of("42", "\"AAPL\"", "not json", "{\"foo\": 1}", "{\"watchlist\": [1]}",
                "{\"watchlist\": {\"a\": 1}}", "[]")) {
            client.send(bad);
            JsonNode error = parse(client.next());
            assertThat(error.get("type").asString()).as(bad).isEqualTo("error");
            assertThat(error.get("code").asString()).as(bad).isIn("bad_json", "bad_request");
        }
        client.send("ping");
        assertThat(client.next()).isEqualTo("pong");
        client.close();
    }

    @Test
    void disconnectReleasesTheSubscriptions() {
        WsClient client = WsClient.connect(port, "/ws/prices", true);
        client.next();
        client.send("{\"watchlist\": [\"THA5\"]}");
        client.next();
        assertThat(fanOut.subscriberCount("THA5")).isEqualTo(1);

        client.abort();

        // Only FanOut.unregister drops THA5 here (the watchlist is unchanged), and it removes the
        // connection before releasing its symbols. The hub's total connection count is not used:
        // other tests' clients close concurrently on this shared hub.
        await().atMost(Duration.ofSeconds(10)).until(() -> fanOut.subscriberCount("THA5") == 0);
    }

    @Test
    void newsStreamStartsWithRecentItemsKeyedByIdThenEachNewItem() {
        news.publish(NewsFixtures.item("tha-n1", "AAPL"));
        WsClient client = WsClient.connect(port, "/ws/news", true);

        JsonNode snapshot = parse(client.next());
        assertThat(snapshot.get("tha-n1").get("headline").asString()).isEqualTo("Headline tha-n1");

        news.publish(NewsFixtures.item("tha-n2", "MSFT"));
        JsonNode item = parse(client.next());
        assertThat(item.propertyNames()).containsExactly("tha-n2");
        assertThat(item.get("tha-n2").get("symbols").get(0).asString()).isEqualTo("MSFT");
        client.send("ping");
        assertThat(client.next()).isEqualTo("pong");
        client.close();
    }
}
