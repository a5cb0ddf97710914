package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.store.Store;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.TestHubConfig;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The native protocol on /ws with a real WebSocket client: every rule of docs/protocol.md that a socket can show.
 * The heartbeat is 10 minutes here: the slow-client test advances the manual clock by up to 2 minutes while its
 * stalled client cannot answer pings, and a ping timeout (1001, at two heartbeats) must not beat the 4008 it checks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.history-size=50", "tickhub.stream.resume-from-store=20",
        "tickhub.stream.max-frame-bytes=4096", "tickhub.stream.max-messages-per-second=20",
        "tickhub.stream.buffer-messages=64", "tickhub.stream.slow-consumer-timeout=5s",
        "tickhub.stream.heartbeat-interval=10m"})
@Import(TestHubConfig.class)
class NativeProtocolTest {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    FanOut fanOut;
    @Autowired
    Store store;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void greetsWithConnectionMessageCarryingLimits() {
        WsClient client = WsClient.connect(port, "/ws", true);
        String hello = client.next();
        assertThat(hello).startsWith("{\"type\":\"connection\",\"status\":\"connected\",\"client_id\":\"")
                .contains("\"heartbeat_ms\":").contains("\"max_symbols\":1000")
                .contains("\"max_frame_bytes\":4096");
        client.close();
    }

    @Test
    void snapshotThenDeltasInSeqOrderWithoutGapsOrDuplicates() {
        feed.prices("WSA", 10, 11, 12);
        WsClient client = WsClient.connect(port, "/ws", true);
        client.next("connection");
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"wsa\"]}");

        String snapshot = client.next("WSA");
        assertThat(snapshot).contains("\"snapshot\":true").contains("\"seq\":3").contains("\"price\":12.0");
        assertThat(client.next("subscription")).contains("\"accepted\":[\"WSA\"]").contains("\"symbols\":[\"wsa\"]");

        feed.prices("WSA", 13, 14, 15, 16);
        long expected = 4;
        for (int i = 0; i < 4; i++) {
            String delta = client.next("WSA");
            assertThat(delta).doesNotContain("snapshot").startsWith("{\"type\":\"price_update\"");
            assertThat(seqOf(delta)).isEqualTo(expected++);
        }
        client.close();
    }

    @Test
    void badInputGetsErrorFramesAndTheConnectionStays() {
        WsClient client = WsClient.connect(port, "/ws", true);
        client.next("connection");

        client.send("not json");
        assertThat(client.next()).contains("\"code\":\"bad_json\"");
        client.send("42");
        assertThat(client.next()).contains("\"code\":\"bad_request\"");
        client.send("{\"action\":\"subscribe\",\"symbols\":\"TSLA\"}");
        assertThat(client.next()).contains("\"code\":\"bad_request\"").contains("list of strings");
        client.send("{\"action\":\"foo\"}");
        assertThat(client.next()).isEqualTo("{\"type\":\"error\",\"code\":\"unknown_action\",\"message\":\"Unknown action: foo\"}");
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"ok\",\"bad sym\"],\"channels\":[\"quotes\"]}");
        assertThat(client.next("subscription")).contains("{\"symbol\":\"bad sym\",\"reason\":\"invalid_symbol\"}");
        client.sendBinary(new byte[] {1, 2, 3});
        assertThat(client.next("error")).contains("\"code\":\"bad_request\"");

        client.send("{\"action\":\"ping\",\"id\":\"abc\"}");
        assertThat(client.next("pong")).isEqualTo("{\"type\":\"pong\",\"id\":\"abc\"}");
        client.send("ping");
        assertThat(client.next()).isEqualTo("pong");
        client.close();
    }

    @Test
    void frameOverTheSizeLimitClosesWith1009() {
        WsClient client = WsClient.connect(port, "/ws", true);
        client.next("connection");
        client.send("{\"action\":\"ping\",\"id\":\"" + "x".repeat(5000) + "\"}");
        assertThat(client.awaitClose()).isEqualTo(1009);
    }

    @Test
    void floodingPastTheRateLimitGetsRateLimitedThenCloses4029() {
        WsClient client = WsClient.connect(port, "/ws", true);
        client.next("connection");
        for (int i = 0; i < 20; i++) {
            client.send("{\"action\":\"ping\"}");
        }
        client.send("{\"action\":\"ping\"}");
        assertThat(client.next("rate_limited")).contains("\"type\":\"error\"");
        for (int i = 0; i < 40 && client.sendUnlessClosed("{\"action\":\"ping\"}"); i++) {
            // the hub closes the flood part-way; sends after that are refused by the client
        }
        assertThat(client.awaitClose()).isEqualTo(4029);
    }

    @Test
    void subscriptionsAreReleasedOnCloseAndOnAbruptReset() {
        WsClient polite = WsClient.connect(port, "/ws", true);
        WsClient abrupt = WsClient.connect(port, "/ws", true);
        polite.next("connection");
        abrupt.next("connection");
        polite.send("{\"action\":\"subscribe\",\"symbols\":[\"WSREL\"]}");
        abrupt.send("{\"action\":\"subscribe\",\"symbols\":[\"WSREL\",\"WSREL2\"]}");
        polite.next("subscription");
        abrupt.next("subscription");
        assertThat(fanOut.subscriberCount("WSREL")).isEqualTo(2);

        polite.close();
        abrupt.abort();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                fanOut.subscriberCount("WSREL") == 0 && fanOut.subscriberCount("WSREL2") == 0);
        assertThat(fanOut.subscribedSymbols()).doesNotContain("WSREL", "WSREL2");
    }

    @Test
    void resumeReplaysWhatWasMissedThenContinues() {
        feed.prices("WSRES", 1, 2, 3, 4, 5);
        WsClient client = WsClient.connect(port, "/ws", true);
        client.next("connection");
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"WSRES\"],\"resume\":{\"WSRES\":2}}");

        assertThat(client.next("recovered")).contains("\"from\":3").contains("\"to\":5").contains("\"complete\":true");
        assertThat(seqOf(client.next("WSRES\",\"seq\""))).isEqualTo(3);
        assertThat(seqOf(client.next("WSRES\",\"seq\""))).isEqualTo(4);
        assertThat(seqOf(client.next("WSRES\",\"seq\""))).isEqualTo(5);
        feed.prices("WSRES", 6);
        assertThat(seqOf(client.next("WSRES\",\"seq\""))).isEqualTo(6);
        client.close();
    }

    @Test
    void resumeOlderThanTheRingIsServedFromTheStoreWithoutAGap() {
        feed.ramp("WSDEEP", 60, 100); // the ring of 50 holds 11..60; 4..10 only the store has
        await().atMost(Duration.ofSeconds(10)).until(() -> store.lastSeq("WSDEEP") == 60);
        WsClient client = WsClient.connect(port, "/ws", true);
        client.next("connection");
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"WSDEEP\"],\"resume\":{\"WSDEEP\":3}}");

        assertThat(client.next("recovered")).contains("\"from\":4,\"to\":60,\"complete\":true");
        for (long seq = 4; seq <= 60; seq++) {
            assertThat(client.next("WSDEEP\",\"seq\"")).contains("\"seq\":" + seq).doesNotContain("\"snapshot\":true");
        }
        client.close();
    }

    @Test
    void resumeOlderThanTheRingAndTheStoresReachSaysIncompleteAndSendsASnapshot() {
        feed.ramp("WSOLD", 100, 100); // the ring holds 51..100; 4..50 is more than the 20 read from the store
        WsClient client = WsClient.connect(port, "/ws", true);
        client.next("connection");
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"WSOLD\"],\"resume\":{\"WSOLD\":3}}");

        assertThat(client.next("recovered")).contains("\"complete\":false");
        String snapshot = client.next("WSOLD\",\"seq\"");
        assertThat(snapshot).contains("\"snapshot\":true").contains("\"seq\":100");
        client.close();
    }

    @Test
    void batchedConnectionReceivesJsonArrays() {
        WsClient client = WsClient.connect(port, "/ws?batch=1", true);
        assertThat(client.next()).startsWith("[{\"type\":\"connection\"");
        client.close();
    }

    @Test
    void slowClientIsConflatedNotBlockingAndClosedWith4008WhileAFastOneGetsEverything() {
        WsClient slow = WsClient.connect(port, "/ws", false);
        WsClient fast = WsClient.connect(port, "/ws", true);
        slow.request(2);
        slow.next("connection");
        fast.next("connection");
        slow.send("{\"action\":\"subscribe\",\"symbols\":[\"WSSLOW\"],\"snapshot\":false}");
        fast.send("{\"action\":\"subscribe\",\"symbols\":[\"WSSLOW\"],\"snapshot\":false}");
        slow.next("subscription");
        fast.next("subscription");
        // From here the slow client reads nothing: its socket, then its queue fill up.
        double conflatedBefore = meters.counter("tickhub.stream.conflated").count();

        // Batches smaller than the buffer, each read by the fast client before the next: it never falls
        // behind, while the stalled client's socket fills and it starts to be conflated.
        long seq = 0;
        // The first conflations can be blips while kernel buffers still absorb data; thousands mean the
        // stalled client's socket is full for good.
        while (meters.counter("tickhub.stream.conflated").count() < conflatedBefore + 5_000 && seq < 1_000_000) {
            for (int i = 0; i < 50; i++) {
                feed.submitNoWait("WSSLOW", 100 + (seq % 100) / 100.0, ++seq);
            }
            for (long expected = seq - 49; expected <= seq; expected++) {
                assertThat(seqOf(fast.next("WSSLOW"))).as("fast client gets every update in order").isEqualTo(expected);
            }
            fanOut.tick(); // the stream ticker's round (once a second in the hub): reports what was conflated
        }
        assertThat(meters.counter("tickhub.stream.conflated").count()).isGreaterThanOrEqualTo(conflatedBefore + 5_000);
        double closesBefore = meters.counter("tickhub.stream.slow.consumer.closes").count();

        // Past the timeout while behind: the stalled client is closed. The kernel's socket buffers on
        // loopback grow to megabytes, so the client may briefly catch up (leave conflation) while they
        // still absorb data; then it is behind again and the next timeout closes it. Each round is a
        // full timeout, and the fast client keeps getting every update in order throughout.
        for (int round = 0; round < 20
                && meters.counter("tickhub.stream.slow.consumer.closes").count() == closesBefore; round++) {
            feed.clock().advance(Duration.ofSeconds(6));
            for (int i = 0; i < 50; i++) {
                feed.submitNoWait("WSSLOW", 99, ++seq);
            }
            for (long expected = seq - 49; expected <= seq; expected++) {
                assertThat(seqOf(fast.next("WSSLOW"))).as("fast client gets every update in order").isEqualTo(expected);
            }
            fanOut.tick(); // the timeout is checked by the ticker's round, not by the updates
        }
        long updates = seq;

        slow.readAll();
        assertThat(slow.awaitClose()).isEqualTo(4008);
        long last = 0;
        for (String message : slow.drained()) {
            if (message.contains("WSSLOW")) {
                assertThat(seqOf(message)).as("slow client's seqs only go up").isGreaterThan(last);
                last = seqOf(message);
            }
        }
        assertThat(last).as("the slow client was conflated, not fed everything").isLessThan(updates);
        fast.close();
    }

    @Test
    void compactFormatCarriesShortKeysAndTheSameSeqs() {
        feed.prices("WSC", 50, 51);
        WsClient client = WsClient.connect(port, "/ws?format=compact", true);
        client.next("connection");
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"WSC\"]}");

        String snapshot = client.next("\"s\":\"WSC\"");
        assertThat(snapshot).startsWith("{\"s\":\"WSC\",\"q\":2,\"ts\":").contains("\"p\":51.0")
                .contains("\"snapshot\":true").doesNotContain("price_update");
        feed.prices("WSC", 52);
        String delta = client.next("\"s\":\"WSC\"");
        assertThat(delta).contains("\"q\":3").contains("\"p\":52.0").doesNotContain("snapshot");
        assertThat(delta.length()).isLessThan(100);
        client.close();
    }

    @Test
    void unknownFormatGetsAnErrorAndTheNativeFormat() {
        WsClient client = WsClient.connect(port, "/ws?format=xml", true);
        client.next("connection");
        assertThat(client.next()).contains("\"code\":\"bad_request\"").contains("xml");
        client.send("{\"action\":\"ping\"}");
        assertThat(client.next()).isEqualTo("{\"type\":\"pong\"}");
        client.close();
    }

    private static long seqOf(String message) {
        Matcher m = SEQ.matcher(message);
        assertThat(m.find()).as("seq in %s", message).isTrue();
        return Long.parseLong(m.group(1));
    }
}
