package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickhub.server.testing.HubProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory budget under attack: a hub in its own JVM with {@code bin/tickhub}'s budget (1 GiB heap,
 * 384 MiB direct), the simulator at ~5,000 updates/s, while one connection tries to subscribe
 * without limit (every symbol it can name on every channel) and 1,000 clients subscribe to
 * {@code *} and then never read. The hub's heap and RSS are sampled each second; they must stay
 * within the budget, the frozen clients must be closed and released, the greedy one held to its
 * limit, and a client that reads keeps its stream (its p99 is printed, not asserted: CI never fails
 * on wall-clock time).
 */
class MemoryUnderAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FROZEN = 1_000;
    private static final long HEAP_BUDGET = 1L << 30;
    /** The gateway's container size in deploy/k8s: heap, direct memory, metaspace, code, threads. */
    private static final long RSS_BUDGET = 2L << 30;

    @TempDir
    Path dir;

    @Test
    void oneGreedyAndAThousandFrozenClientsStayWithinTheMemoryBudget() throws Exception {
        HubProcess hub = HubProcess.start("memory-attack", List.of(
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("tickhub") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--tickhub.journal.dir=" + dir.resolve("journal"),
                "--tickhub.simulator.ticker-count=45",
                "--tickhub.simulator.interval=10ms",
                "--tickhub.limits.connections.max-streams-per-address=5000"), List.of(),
                List.of("-Xms256m", "-Xmx1g", "-XX:MaxDirectMemorySize=384m", "-XX:MaxTenuringThreshold=0",
                        "-XX:+ExitOnOutOfMemoryError"))
                .awaitUp(Duration.ofSeconds(90));
        List<RawWebSocket> frozen = new ArrayList<>();
        try {
            Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            WsClient reader = WsClient.connect(hub.port(), "/ws?format=compact", true);
            reader.send("{\"action\":\"subscribe\",\"symbols\":[\"AAPL\",\"MSFT\",\"NVDA\",\"ITEM_00\",\"ITEM_01\"]}");

            WsClient greedy = WsClient.connect(hub.port(), "/ws", true);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                names.add("\"GRD" + i + "\"");
            }
            String everything = "{\"action\":\"subscribe\",\"channels\":[\"quotes\",\"news\",\"bars.1s\",\"bars.1m\","
                    + "\"bars.5m\",\"bars.1h\",\"bars.1d\"],\"symbols\":[" + String.join(",", names) + "]}";
            for (int i = 0; i < 20; i++) {
                greedy.send(everything);
            }

            Random random = new Random(16);
            for (int i = 0; i < FROZEN; i++) {
                RawWebSocket ws = RawWebSocket.connect(hub.port(), "/ws", 4096, random);
                ws.sendText("{\"action\":\"subscribe\",\"symbols\":[\"*\"]}");
                frozen.add(ws);
            }

            long maxHeap = 0;
            long maxRss = 0;
            long maxDirect = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < end) {
                maxHeap = Math.max(maxHeap, (long) hub.metric("jvm_memory_used_bytes", "area=\"heap\""));
                maxDirect = Math.max(maxDirect, (long) hub.metric("jvm_buffer_memory_used_bytes", "id=\"direct\""));
                maxRss = Math.max(maxRss, rss(hub.pid()));
                record(reader.drained(), latency);
                TimeUnit.SECONDS.sleep(1); // the sampling interval of a 30 s measurement, not a wait for a state
            }
            record(reader.drained(), latency);

            double slowCloses = hub.metric("tickhub_stream_slow_consumer_closes_total");
            double subscriptions = hub.metric("tickhub_stream_channel_subscriptions");
            System.out.printf("memory under attack: heap max %d MB, direct max %d MB, RSS max %d MB; "
                            + "4008 closes %.0f of %d frozen; subscriptions now %.0f; reader p50 %d us, p99 %d us, max %d us "
                            + "over %d updates%n", maxHeap >> 20, maxDirect >> 20, maxRss >> 20, slowCloses, FROZEN,
                    subscriptions, latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                    latency.getMaxValue(), latency.getTotalCount());

            assertThat(maxHeap).as("heap used").isLessThan(HEAP_BUDGET);
            assertThat(maxRss).as("resident set").isLessThan(RSS_BUDGET);
            assertThat(slowCloses).as("frozen clients closed 4008").isGreaterThanOrEqualTo(FROZEN * 0.9);
            // The greedy connection holds at most its limit; the frozen ones hold nothing once closed.
            assertThat(subscriptions).isLessThanOrEqualTo(1_000 + 5 + FROZEN * 0.1);
            assertThat(latency.getTotalCount()).as("the reading client kept its stream").isGreaterThan(1_000);
            reader.send("{\"action\":\"ping\",\"id\":1}");
            assertThat(reader.next("\"pong\"")).contains("\"id\":1");
            assertThat(hub.status("/health")).isEqualTo(200);
        } finally {
            for (RawWebSocket ws : frozen) {
                try {
                    ws.close();
                } catch (IOException ignored) {
                    // closed by the hub already
                }
            }
            hub.kill();
        }
    }

    private static void record(List<String> messages, Histogram latency) throws IOException {
        long now = System.currentTimeMillis() * 1000;
        for (String m : messages) {
            JsonNode node = JSON.readTree(m);
            if (node.has("ts") && node.has("q")) {
                latency.recordValue(Math.max(0, Math.min(latency.getHighestTrackableValue(), now - node.get("ts").asLong())));
            }
        }
    }

    /** Resident set size of a process, from /proc; 0 where there is none. */
    private static long rss(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
