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
 * The hub's outbound budget (1 MB here) over every stream connection. Each connection may hold up
 * to its 4 MB high-water mark, so one frozen client alone can pass the budget: it is the one
 * holding the most, and it is closed with 4008 and counted as refused at the budget, while a
 * frozen client holding nothing and a client that reads everything keep their connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.history-size=50", "tickhub.stream.heartbeat-interval=10m",
        "tickhub.stream.outbound-budget=1MB", "tickhub.stream.write-buffer-low=2MB",
        "tickhub.stream.write-buffer-high=4MB", "tickhub.stream.close-timeout=2s"})
@Import(TestHubConfig.class)
class OutboundBudgetTest {

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    FanOut fanOut;
    @Autowired
    OutboundBudget budget;
    @Autowired
    MeterRegistry meters;

    @Test
    void theConnectionHoldingTheMostIsClosedAtTheBudgetAndTheOthersStay() throws Exception {
        Random random = new Random(2);
        double refusedBefore = meters.counter("tickhub.limits.refused", "limit", "outbound-budget").count();
        try (RawWebSocket heavy = RawWebSocket.connect(port, "/ws", 4096, random);
             RawWebSocket light = RawWebSocket.connect(port, "/ws", 4096, random)) {
            WsClient reader = WsClient.connect(port, "/ws", true);
            heavy.next("connection");
            light.next("connection");
            reader.next("connection");
            heavy.sendText("{\"action\":\"subscribe\",\"symbols\":[\"BUDA\"],\"snapshot\":false}");
            light.sendText("{\"action\":\"subscribe\",\"symbols\":[\"BUDB\"],\"snapshot\":false}");
            reader.send("{\"action\":\"subscribe\",\"symbols\":[\"BUDA\"],\"snapshot\":false}");
            heavy.next("subscription");
            light.next("subscription");
            reader.next("subscription");
            feed.price("BUDB", 1); // one update for the light client; from here neither raw client reads

            long volume = 0;
            while (meters.counter("tickhub.limits.refused", "limit", "outbound-budget").count() == refusedBefore
                    && volume < 2_000_000) {
                for (int i = 0; i < 100; i++) {
                    feed.submitNoWait("BUDA", 100 + (volume % 100) / 100.0, ++volume);
                }
                for (long seq = volume - 99; seq <= volume; seq++) {
                    reader.next("\"seq\":" + seq + ",");
                }
            }
            assertThat(meters.counter("tickhub.limits.refused", "limit", "outbound-budget").count())
                    .isEqualTo(refusedBefore + 1);
            await("the heavy client is released, the reader stays").atMost(Duration.ofSeconds(5))
                    .until(() -> fanOut.subscriberCount("BUDA") == 1);
            assertThat(fanOut.subscriberCount("BUDB")).as("the light client stays").isEqualTo(1);

            feed.clock().advance(Duration.ofSeconds(3)); // past the close timeout
            await().atMost(Duration.ofSeconds(5)).until(() -> budget.sockets() == 2);
            assertThat(budget.bytes()).isLessThanOrEqualTo(1 << 20);
            heavy.timeout(5_000);
            assertThat(heavy.awaitEnd()).isIn(4008, RawWebSocket.EOF, RawWebSocket.RESET);

            feed.submitNoWait("BUDA", 42, ++volume);
            assertThat(reader.next("\"seq\":" + volume + ",")).contains("\"price\":42.0");
            reader.close();
        }
    }
}
