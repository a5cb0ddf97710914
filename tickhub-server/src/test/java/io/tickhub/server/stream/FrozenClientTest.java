package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.TestHubConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A client that stops reading (a frozen process: its TCP window fills and stays shut) is closed
 * for real once it is decided slow (4008): its connection is unsubscribed and its queue freed at
 * once, while the close frame waits behind what the client never read; at the close timeout (2 s
 * on the hub's manual clock here) the socket is closed hard and Netty's buffer for it is freed.
 * The client then sees its socket end. Each client's receive buffer is 4 KiB, so its window
 * shuts after a few kilobytes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.history-size=50", "tickhub.stream.buffer-messages=64",
        "tickhub.stream.slow-consumer-timeout=5s", "tickhub.stream.heartbeat-interval=10m",
        "tickhub.stream.close-timeout=2s"})
@Import(TestHubConfig.class)
class FrozenClientTest {

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    FanOut fanOut;
    @Autowired
    OutboundBudget budget;
    @Autowired
    ClosingChannels closing;
    @Autowired
    MeterRegistry meters;

    private final Random random = new Random(8);
    private long volume;

    @ParameterizedTest
    @ValueSource(strings = {"FRZ", "*"})
    void frozenWebSocketClientLosesItsSubscriptionAtOnceAndItsSocketAtTheCloseTimeout(String symbol) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(port, "/ws", 4096, random)) {
            ws.next("connection");
            ws.sendText("{\"action\":\"subscribe\",\"symbols\":[\"" + symbol + "\"],\"snapshot\":false}");
            ws.next("subscription");
            // From here the client reads nothing.
            assertFrozenClientIsClosedForReal("FRZ");
            ws.timeout(5_000);
            assertThat(ws.awaitEnd()).as("the client sees its socket end").isIn(RawWebSocket.EOF, RawWebSocket.RESET);
        }
    }

    @Test
    void frozenSseClientLosesItsSubscriptionAtOnceAndItsSocketAtTheCloseTimeout() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /api/v1/stream?symbols=FRZS HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 200");
            await().atMost(Duration.ofSeconds(5)).until(() -> fanOut.subscriberCount("FRZS") == 1);
            // From here the client reads nothing.
            assertFrozenClientIsClosedForReal("FRZS");
            assertThat(readToEnd(in)).as("the client sees its socket end").isTrue();
        }
    }

    /**
     * Feeds {@code symbol} until the frozen client is conflated with bytes waiting in Netty, then
     * passes the slow-consumer timeout and the close timeout, checking what is freed when.
     */
    private void assertFrozenClientIsClosedForReal(String symbol) {
        int connections = fanOut.connections();
        int subscriptions = fanOut.subscriptions();
        double conflatedBefore = meters.counter("tickhub.stream.conflated").count();
        double slowBefore = meters.counter("tickhub.stream.slow.consumer.closes").count();
        double hardBefore = meters.counter("tickhub.stream.close.timeouts").count();
        for (int batch = 0; batch < 4_000 && !(budget.bytes() > 0
                && meters.counter("tickhub.stream.conflated").count() > conflatedBefore + 500); batch++) {
            feedBatch(symbol);
        }
        assertThat(budget.bytes()).as("bytes wait in Netty for the frozen client").isPositive();
        assertThat(budget.sockets()).isEqualTo(1);

        // Past the slow-consumer timeout while behind. The kernel's buffers may still take a little
        // and let the client catch up for a moment (leave conflation); then it is behind again and
        // the next round's timeout closes it.
        for (int round = 0; round < 20
                && meters.counter("tickhub.stream.slow.consumer.closes").count() == slowBefore; round++) {
            feed.clock().advance(Duration.ofSeconds(6));
            feedBatch(symbol);
        }

        // Released at once: the socket is still open (the close frame cannot reach the client).
        await().atMost(Duration.ofSeconds(5)).until(() ->
                fanOut.connections() == connections - 1 && fanOut.subscriptions() < subscriptions);
        assertThat(fanOut.subscriberCount(symbol)).isZero();
        assertThat(meters.counter("tickhub.stream.slow.consumer.closes").count()).isEqualTo(slowBefore + 1);
        assertThat(closing.size()).as("its close is under way").isEqualTo(1);
        assertThat(budget.sockets()).as("the socket waits for the close timeout").isEqualTo(1);

        feed.clock().advance(Duration.ofSeconds(3)); // past the close timeout
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.sockets() == 0 && closing.size() == 0);
        assertThat(budget.bytes()).as("Netty's buffer for it is freed").isZero();
        assertThat(meters.counter("tickhub.stream.close.timeouts").count()).isEqualTo(hardBefore + 1);
    }

    private void feedBatch(String symbol) {
        for (int i = 0; i < 250; i++) {
            feed.submitNoWait(symbol, 100 + (volume % 100) / 100.0, ++volume);
        }
        feed.awaitSeq(symbol, volume);
    }

    /** Reads the socket to its end (what the kernel still held, then EOF or a reset); false if it stays open. */
    private static boolean readToEnd(InputStream in) throws IOException {
        byte[] buffer = new byte[65_536];
        try {
            while (in.read(buffer) >= 0) {
                // what the hub sent before it gave up on the client
            }
            return true;
        } catch (SocketException e) {
            return true; // reset by the hub's hard close
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }
}
