package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.core.news.NewsWire;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.store.Store;
import io.tickhub.core.testing.NewsFixtures;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.stream.SseClient.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
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
    @Autowired
    Store store;
    @Autowired
    StreamEpoch epoch;

    @Test
    void connectionThenSnapshotThenLiveUpdatesWithSymbolSeqAndEpochAsEventId() {
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
            assertThat(update.id()).isEqualTo("SSE1:" + live.seq() + "@" + epoch.id());
            assertThat(update.data()).contains("\"seq\":" + live.seq()).doesNotContain("snapshot");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> fanOut.subscriberCount("SSE1") == 0);
    }

    /** An id as the hub sent it before epochs ({@code SYMBOL:seq}) is taken to be of this epoch. */
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
    void aLastEventIdOlderThanTheRingResumesEverySymbolExactlyFromTheStore() {
        // Three symbols interleaved, 80 updates each: the ring of 50 holds 31..80 of each.
        for (int i = 1; i <= 80; i++) {
            feed.price("SSEDEEPA", i);
            feed.price("SSEDEEPB", i);
            feed.price("SSEDEEPC", i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.lastSeq("SSEDEEPA") == 80
                && store.lastSeq("SSEDEEPB") == 80 && store.lastSeq("SSEDEEPC") == 80);
        // The client's last event was B 10: it had A 1..10 and C 1..9 (C 10 came after B 10).
        Map<String, Long> had = Map.of("SSEDEEPA", 10L, "SSEDEEPB", 10L, "SSEDEEPC", 9L);

        try (SseClient client = SseClient.connect(port, "/api/v1/stream?symbols=SSEDEEPA,SSEDEEPB,SSEDEEPC",
                "SSEDEEPB:10@" + epoch.id())) {
            Map<String, List<Long>> received = new TreeMap<>();
            List<String> recovered = new ArrayList<>();
            int expected = (80 - 10) + (80 - 10) + (80 - 9);
            int updates = 0;
            while (updates < expected) {
                Event event = client.next();
                if (event.type().equals("price_update")) {
                    assertThat(event.data()).doesNotContain("snapshot");
                    String[] symbolSeq = symbolSeq(event.data()).split(":");
                    received.computeIfAbsent(symbolSeq[0], k -> new ArrayList<>()).add(Long.parseLong(symbolSeq[1]));
                    updates++;
                } else if (event.type().equals("recovered")) {
                    recovered.add(event.data());
                }
            }
            feed.price("SSEDEEPA", 81);
            received.get("SSEDEEPA").add(seqOf(client.next("price_update").data()));

            assertThat(recovered).hasSize(3).allMatch(r -> r.contains("\"complete\":true")
                    && r.contains("\"epoch\":\"" + epoch.id() + "\""));
            had.forEach((symbol, last) -> assertThat(received.get(symbol)).as(symbol + ": no repeat, no gap")
                    .containsExactlyElementsOf(LongStream.rangeClosed(last + 1, symbol.equals("SSEDEEPA") ? 81 : 80)
                            .boxed().toList()));
        }
    }

    @Test
    void aLastEventIdOfAnotherEpochGetsIncompleteAndASnapshotForEverySymbolAndNoReplay() {
        feed.prices("SSE6", 1, 2, 3);
        feed.prices("SSE7", 1, 2);
        String otherEpoch = epoch.id().equals("0123456789abcdef") ? "fedcba9876543210" : "0123456789abcdef";

        try (SseClient client = SseClient.connect(port, "/api/v1/stream?symbols=SSE6,SSE7", "SSE6:1@" + otherEpoch)) {
            assertThat(client.next().data()).contains("\"epoch\":\"" + epoch.id() + "\"");
            List<String> recovered = new ArrayList<>();
            List<String> updates = new ArrayList<>();
            while (updates.size() < 2) {
                Event event = client.next();
                if (event.type().equals("price_update")) {
                    assertThat(event.data()).contains("\"snapshot\":true");
                    updates.add(symbolSeq(event.data()));
                } else if (event.type().equals("recovered")) {
                    recovered.add(event.data());
                }
            }
            assertThat(updates).containsExactlyInAnyOrder("SSE6:3", "SSE7:2");
            assertThat(recovered).hasSize(2).allMatch(r -> r.contains("\"complete\":false"));
            assertThat(recovered).anyMatch(r -> r.contains("\"symbol\":\"SSE6\",\"from\":2,\"to\":3"))
                    .anyMatch(r -> r.contains("\"symbol\":\"SSE7\",\"from\":0,\"to\":2"));
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

    private static long seqOf(String json) {
        return Long.parseLong(json.replaceAll(".*\"seq\":([0-9]+).*", "$1"));
    }

    private static String symbolSeq(String json) {
        String symbol = json.replaceAll(".*\"symbol\":\"([^\"]+)\".*", "$1");
        String seq = json.replaceAll(".*\"seq\":([0-9]+).*", "$1");
        return symbol + ":" + seq;
    }
}
