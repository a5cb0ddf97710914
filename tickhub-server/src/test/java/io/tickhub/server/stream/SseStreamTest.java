package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.news.NewsWire;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.NewsFixtures;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.stream.SseClient.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** GET /api/v1/stream: the native messages as Server-Sent Events, resumed by Last-Event-ID. */
@HubTest
class SseStreamTest {

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    FanOut fanOut;
    @Autowired
    WebTestClient http;
    @Autowired
    NewsWire news;

    @Test
    void connectionThenSnapshotThenLiveUpdatesWithSymbolAndSeqAsEventId() {
        feed.price("SSE1", 10);
        try (SseClient client = SseClient.connect(port, "/api/v1/stream?symbols=sse1", null)) {
            assertThat(client.contentType()).startsWith("text/event-stream");
            assertThat(client.next().type()).isEqualTo("connection");
            Event snapshot = client.next("price_update");
            assertThat(snapshot.data()).contains("\"symbol\":\"SSE1\"").contains("\"snapshot\":true");
            assertThat(snapshot.id()).as("a snapshot is out of hub order: no id").isNull();
            assertThat(client.next("subscription").data()).contains("\"accepted\":[\"SSE1\"]");

            Quote live = feed.prices("SSE1", 11);
            Event update = client.next("price_update");
            assertThat(update.id()).isEqualTo("SSE1:" + live.seq());
            assertThat(update.data()).contains("\"seq\":" + live.seq()).doesNotContain("snapshot");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> fanOut.subscriberCount("SSE1") == 0);
    }

    @Test
    void lastEventIdResumesEverySymbolOfTheStreamWithoutAGap() {
        feed.price("SSE2", 1);           // SSE2 seq 1
        feed.price("SSE3", 1);           // SSE3 seq 1
        Quote seen = feed.prices("SSE2", 2); // SSE2 seq 2: the client's last event
        feed.prices("SSE3", 2, 3);       // SSE3 seqs 2, 3 happened after it: missed
        feed.prices("SSE2", 3);          // SSE2 seq 3: missed

        try (SseClient client = SseClient.connect(port, "/api/v1/stream?symbols=SSE2,SSE3", "SSE2:" + seen.seq())) {
            List<String> updates = new ArrayList<>();
            List<String> recovered = new ArrayList<>();
            while (updates.size() < 3) {
                Event event = client.next();
                if (event.type().equals("price_update")) {
                    assertThat(event.data()).doesNotContain("snapshot");
                    updates.add(symbolSeq(event.data()));
                } else if (event.type().equals("recovered")) {
                    assertThat(event.data()).contains("\"complete\":true");
                    recovered.add(event.data());
                }
            }
            assertThat(updates).containsExactly("SSE2:3", "SSE3:2", "SSE3:3");
            assertThat(recovered).hasSize(2);
        }
    }

    @Test
    void anUnknownLastEventIdIsIgnoredAndTheStreamStartsWithSnapshots() {
        feed.price("SSE4", 1);
        try (SseClient client = SseClient.connect(port, "/api/v1/stream?symbols=SSE4", "not-an-id")) {
            assertThat(client.next("price_update").data()).contains("\"snapshot\":true");
        }
    }

    @Test
    void newsChannelCarriesNewsEventsAboutTheSymbols() {
        try (SseClient client = SseClient.connect(port, "/api/v1/stream?symbols=SSE5&channels=news", null)) {
            assertThat(client.next("subscription").data()).contains("\"channels\":[\"news\"]");
            news.publish(NewsFixtures.item("sse-n1", "OTHER"));
            news.publish(NewsFixtures.item("sse-n2", "SSE5"));

            assertThat(client.next("news").data()).contains("\"id\":\"sse-n2\"");
        }
    }

    @Test
    void badRequestsAre422BeforeAnyStreamStarts() {
        for (String query : List.of("", "?symbols=", "?symbols=bad%20sym", "?symbols=AAPL&channels=trades",
                "?symbols=AAPL&channels=bars.2m")) {
            http.get().uri("/api/v1/stream" + query).accept(org.springframework.http.MediaType.TEXT_EVENT_STREAM)
                    .exchange().expectStatus().isEqualTo(422)
                    .expectHeader().contentTypeCompatibleWith("application/problem+json");
        }
    }

    private static String symbolSeq(String json) {
        String symbol = json.replaceAll(".*\"symbol\":\"([^\"]+)\".*", "$1");
        String seq = json.replaceAll(".*\"seq\":([0-9]+).*", "$1");
        return symbol + ":" + seq;
    }
}
