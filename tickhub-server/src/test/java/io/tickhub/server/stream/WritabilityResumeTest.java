package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.TestHubConfig;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A connection's writer parks when its socket's buffer passes the high-water mark (8 KB here) and
 * resumes when the transport says the buffer drained: on every kind of stream channel, a client
 * that reads everything as fast as it can keeps getting data through bursts that fill the buffer
 * again and again. A writer that no one resumes stops for good after its first full buffer (the
 * client then sees a few KB and nothing more), which is what happened on channels Reactor Netty
 * serves while the writability listener sat behind its reactive bridge.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.history-size=50", "tickhub.stream.buffer-messages=64",
        "tickhub.stream.slow-consumer-timeout=1h", "tickhub.stream.heartbeat-interval=10m",
        "tickhub.stream.write-buffer-low=4KB", "tickhub.stream.write-buffer-high=8KB"})
@Import(TestHubConfig.class)
class WritabilityResumeTest {

    private static final int BURSTS = 20;
    private static final int PER_BURST = 500;

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;

    /** Everything the client has read so far, as text (frames and events carry their symbols in clear). */
    private final StringBuffer received = new StringBuffer();
    private final AtomicLong bytes = new AtomicLong();

    @ParameterizedTest
    @ValueSource(strings = {"direct /ws", "WebFlux /ws", "WebFlux /ws/prices", "SSE"})
    void clientThatReadsEverythingKeepsGettingDataThroughBurstsThatFillItsBuffer(String channel) throws Exception {
        String symbol = "WRB" + channel.length();
        String marker = "WRMARK" + channel.length();
        feed.price(symbol, 1);
        if (channel.equals("SSE")) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.getOutputStream().write(("GET /api/v1/stream?symbols=" + symbol + "," + marker + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                readAll(socket.getInputStream());
                await().atMost(Duration.ofSeconds(10)).until(() -> received.indexOf(symbol) >= 0);
                burstsThenMarkerArrive(symbol, marker, channel);
            }
            return;
        }
        String path = channel.endsWith("/ws/prices") ? "/ws/prices" : "/ws";
        // A request with an Accept header is the direct path's to pass on (DirectUpgrades): WebFlux serves it.
        String headers = channel.startsWith("WebFlux") ? "Accept: */*\r\n" : "";
        try (RawWebSocket ws = RawWebSocket.connect(port, path, 0, new Random(1), headers)) {
            ws.timeout(0); // the reader waits as long as the test does
            readAll(ws.input());
            if (path.equals("/ws")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> received.indexOf("\"connection\"") >= 0);
                ws.sendText("{\"action\":\"subscribe\",\"symbols\":[\"*\"],\"snapshot\":false}");
                await().atMost(Duration.ofSeconds(10)).until(() -> received.indexOf("\"subscription\"") >= 0);
            } else {
                await().atMost(Duration.ofSeconds(10)).until(() -> received.indexOf(symbol) >= 0);
            }
            burstsThenMarkerArrive(symbol, marker, channel);
        }
    }

    /** Bursts that fill the client's buffer again and again, then one update of {@code marker}, which must arrive. */
    private void burstsThenMarkerArrive(String symbol, String marker, String channel) {
        long volume = 0;
        for (int burst = 0; burst < BURSTS; burst++) {
            for (int i = 0; i < PER_BURST; i++) {
                feed.submitNoWait(symbol, 100 + (volume % 100) / 100.0, ++volume);
            }
            feed.awaitSeq(symbol, volume + 1);
        }
        feed.submitNoWait(marker, 777, 1);

        await("the update after the bursts, on " + channel).atMost(Duration.ofSeconds(15))
                .until(() -> received.indexOf(marker) >= 0);
        assertThat(bytes.get()).as("read through the bursts").isGreaterThan(100_000);
    }

    /** Reads as fast as the socket gives, keeping the text (bounded: the test's few hundred KB). */
    private void readAll(InputStream in) {
        Thread.ofPlatform().daemon().name("fast-reader").start(() -> {
            byte[] buffer = new byte[65_536];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    bytes.addAndGet(n);
                    received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        });
    }
}
