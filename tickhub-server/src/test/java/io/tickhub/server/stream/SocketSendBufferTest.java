package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.TestHubConfig;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A client that reads nothing is handed no more than its socket's buffers hold before its writer
 * stops: the kernel's send buffer, fixed at {@code socket-send-buffer} (16 KB here, which the kernel
 * doubles), plus Netty's high-water mark (16 KB), plus what the client's 4 KB receive window takes:
 * 45 KB measured. The kernel's autotuning grew the same socket's buffer to take 267 KB of the 3 MB
 * the feed offers here (2.8 MB per client in the fan-out harness, where it reached 4 MB).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.history-size=50", "tickhub.stream.heartbeat-interval=10m",
        "tickhub.stream.slow-consumer-timeout=1h", "tickhub.stream.socket-send-buffer=16KB",
        "tickhub.stream.write-buffer-low=8KB", "tickhub.stream.write-buffer-high=16KB"})
@Import(TestHubConfig.class)
class SocketSendBufferTest {

    private static final int UPDATES = 30_000; // ~100 bytes each

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    FanOut fanOut;
    @Autowired
    MeterRegistry meters;

    @Test
    void clientThatReadsNothingIsHandedNoMoreThanItsFixedSocketBuffersHold() throws Exception {
        try (RawWebSocket frozen = RawWebSocket.connect(port, "/ws", 4096, new Random(3))) {
            frozen.next("connection");
            frozen.sendText("{\"action\":\"subscribe\",\"symbols\":[\"SSB\"],\"snapshot\":false}");
            frozen.next("subscription");
            double sentBefore = meters.counter("tickhub.stream.bytes.sent").count();
            double conflatedBefore = meters.counter("tickhub.stream.conflated").count();

            for (int i = 1; i <= UPDATES; i++) {
                feed.submitNoWait("SSB", 100 + (i % 100) / 100.0, i);
            }
            feed.awaitSeq("SSB", UPDATES);
            await("the client's writer stopped and its updates are conflated").atMost(Duration.ofSeconds(10))
                    .until(() -> {
                        fanOut.tick(); // reports what was conflated, as the stream ticker does each second
                        return meters.counter("tickhub.stream.conflated").count() > conflatedBefore;
                    });

            double handed = meters.counter("tickhub.stream.bytes.sent").count() - sentBefore;
            assertThat(handed).as("bytes handed to the frozen client's socket").isGreaterThan(16 * 1024)
                    .isLessThan(128 * 1024);
        }
    }
}
