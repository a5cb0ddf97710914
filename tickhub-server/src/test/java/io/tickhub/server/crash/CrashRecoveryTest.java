package io.tickhub.server.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickhub.server.stream.WsClient;
import io.tickhub.server.testing.HubProcess;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A seq names one update forever", tried the way a crash tester would: a hub in a JVM of its own
 * runs the simulator at about 5,000 updates a second (50 symbols every 10 ms) while a client
 * records every update it is streamed; the hub is killed with {@code kill -9} five times and
 * stopped with SIGTERM once. After every restart, every recorded update must be in the store with
 * the content the client saw, no (symbol, seq) may come back with other content, and a resume from
 * the client's last seqs must replay exactly what it recorded.
 */
class CrashRecoveryTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SYMBOLS = 50;

    @TempDir
    Path dir;

    /** What the client was streamed: symbol → seq → "price ts", per stream epoch. */
    private final Map<String, Map<String, TreeMap<Long, String>>> seenByEpoch = new HashMap<>();

    private HubProcess start() {
        return HubProcess.start("crash", List.of(
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("tickhub") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--tickhub.journal.dir=" + dir.resolve("journal"),
                "--tickhub.simulator.ticker-count=" + (SYMBOLS - 5),
                "--tickhub.simulator.interval=10ms",
                "--tickhub.simulator.news-interval=0",
                "--tickhub.history-size=200",
                "--tickhub.stream.buffer-messages=65536")).awaitUp(START);
    }

    @Test
    void killedFiveTimesAndStoppedOnceTheHubLosesNoUpdateItSentAndReusesNoSeq() throws Exception {
        List<String> endings = List.of("kill", "kill", "kill", "kill", "kill", "term");
        int recordedTotal = 0;
        for (String ending : endings) {
            HubProcess hub = start();
            WsClient client;
            String epoch;
            List<String> received = new ArrayList<>();
            try {
                client = WsClient.connect(hub.port(), "/ws?format=compact", true);
                epoch = epochOf(client);
                assertThat(epoch).isEqualTo(journalEpoch());
                verifyStoredAndResumable(hub, epoch);
                client.send("{\"action\":\"subscribe\",\"symbols\":[\"*\"],\"snapshot\":false}");
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    received.addAll(client.drained());
                    return updatesIn(received) >= 5_000;
                });
            } catch (Throwable failed) {
                hub.kill(); // a failed round must not leave its hub running past the test (and the fork's exit)
                throw failed;
            }
            if (ending.equals("kill")) {
                hub.kill();
            } else {
                hub.close();
            }
            Thread.sleep(200); // frames already on the wire reach the client before its socket sees the end
            received.addAll(client.drained());
            recordedTotal += record(epoch, received);
        }
        HubProcess last = start();
        try {
            verifyStoredAndResumable(last, journalEpoch());
        } finally {
            last.kill();
        }
        assertThat(recordedTotal).isGreaterThanOrEqualTo(30_000);
        assertThat(seenByEpoch).as("every kill -9 within this boot kept the epoch").hasSize(1);
    }

    @Test
    void aDeletedJournalBeginsANewEpochAndAResumeFromTheOldOneGetsASnapshotNotReplayedData() throws Exception {
        HubProcess first = start();
        WsClient recorder = WsClient.connect(first.port(), "/ws?format=compact", true);
        String before = epochOf(recorder);
        recorder.send("{\"action\":\"subscribe\",\"symbols\":[\"AAPL\",\"MSFT\"],\"snapshot\":false}");
        List<String> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            received.addAll(recorder.drained());
            return updatesIn(received) >= 200;
        });
        first.kill();
        record(before, received);
        deleteRecursively(dir.resolve("journal"));

        HubProcess second = start();
        try {
            WsClient client = WsClient.connect(second.port(), "/ws?format=compact", true);
            String after = epochOf(client);
            assertThat(after).isNotEqualTo(before);
            long aaplSeen = seenByEpoch.get(before).get("AAPL").lastKey();
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"resume\":{\"AAPL\":" + aaplSeen
                    + "},\"epoch\":\"" + before + "\"}");
            JsonNode recovered = JSON.readTree(client.next("\"recovered\""));
            assertThat(recovered.get("complete").asBoolean()).isFalse();
            assertThat(recovered.get("epoch").asText()).isEqualTo(after);
            assertThat(client.next("\"AAPL\"")).contains("\"snapshot\":true");
        } finally {
            second.kill();
        }
    }

    /** Records a run's updates; a (symbol, seq) already seen in this epoch must carry the same content. */
    private int record(String epoch, List<String> messages) throws IOException {
        Map<String, TreeMap<Long, String>> seen = seenByEpoch.computeIfAbsent(epoch, e -> new HashMap<>());
        int updates = 0;
        for (String message : messages) {
            JsonNode m = JSON.readTree(message);
            if (!m.has("q")) {
                continue;
            }
            String content = m.get("p").asText() + " " + m.get("ts").asText();
            String before = seen.computeIfAbsent(m.get("s").asText(), s -> new TreeMap<>()).putIfAbsent(m.get("q").asLong(), content);
            assertThat(before).as("%s seq %s was streamed twice with different content", m.get("s"), m.get("q"))
                    .isIn(null, content);
            updates++;
        }
        return updates;
    }

    /** Every update recorded in this epoch is stored as it was streamed, and a resume replays it exactly. */
    private void verifyStoredAndResumable(HubProcess hub, String epoch) throws IOException {
        Map<String, TreeMap<Long, String>> seen = seenByEpoch.getOrDefault(epoch, Map.of());
        for (Map.Entry<String, TreeMap<Long, String>> symbol : seen.entrySet()) {
            Map<Long, String> stored = storedHistory(hub, symbol.getKey());
            symbol.getValue().forEach((seq, content) -> assertThat(stored.get(seq))
                    .as("%s seq %d after the restart", symbol.getKey(), seq).isEqualTo(content));
        }
        if (seen.isEmpty()) {
            return;
        }
        // Resume every recorded symbol from 50 updates before its last one, as a reconnecting client does.
        WsClient client = WsClient.connect(hub.port(), "/ws?format=compact", true);
        StringBuilder resume = new StringBuilder();
        List<String> symbols = new ArrayList<>(seen.keySet());
        Map<String, Long> from = new HashMap<>();
        for (String s : symbols) {
            long after = Math.max(0, seen.get(s).lastKey() - 50);
            from.put(s, after);
            resume.append(resume.isEmpty() ? "" : ",").append('"').append(s).append("\":").append(after);
        }
        client.send("{\"action\":\"subscribe\",\"symbols\":" + JSON.writeValueAsString(symbols) + ",\"resume\":{" + resume
                + "},\"epoch\":\"" + epoch + "\"}");
        Map<String, Boolean> complete = new HashMap<>();
        List<String> incomplete = new ArrayList<>();
        Map<String, Long> replayedUpTo = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (String message : client.drained()) {
                JsonNode m = JSON.readTree(message);
                if ("recovered".equals(m.path("type").asText())) {
                    complete.put(m.get("symbol").asText(), m.get("complete").asBoolean());
                    if (!m.get("complete").asBoolean()) {
                        incomplete.add(message + " (resumed after " + from.get(m.get("symbol").asText()) + ")");
                    }
                } else if (m.has("q")) {
                    String s = m.get("s").asText();
                    long seq = m.get("q").asLong();
                    String expected = seen.get(s).get(seq);
                    if (expected != null) {
                        assertThat(m.get("p").asText() + " " + m.get("ts").asText()).as("%s seq %d replayed", s, seq)
                                .isEqualTo(expected);
                    }
                    replayedUpTo.merge(s, seq, Math::max);
                }
            }
            return symbols.stream().allMatch(s -> replayedUpTo.getOrDefault(s, 0L) >= seen.get(s).lastKey());
        });
        assertThat(complete).as(() -> "resumes answered complete:false: " + incomplete + "\nthe hub's warnings:\n"
                + hub.log().lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList())
                .containsOnlyKeys(symbols).doesNotContainValue(false);
        client.abort();
    }

    /** The symbol's whole stored history, page by page. */
    private static Map<Long, String> storedHistory(HubProcess hub, String symbol) throws IOException {
        Map<Long, String> stored = new HashMap<>();
        String cursor = "";
        String path = "/api/v1/history/" + symbol + "?limit=1000";
        while (cursor != null) {
            JsonNode page = JSON.readTree(hub.get(cursor.isEmpty() ? path : path + "&cursor=" + cursor));
            for (JsonNode item : page.get("items")) {
                stored.put(item.get("seq").asLong(), item.get("price").asText() + " " + item.get("ts").asText());
            }
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        }
        return stored;
    }

    private static int updatesIn(List<String> messages) {
        return (int) messages.stream().filter(m -> m.contains("\"q\":")).count();
    }

    /** The stream epoch the hub names in its {@code connection} message, the first it sends. */
    private static String epochOf(WsClient client) throws IOException {
        JsonNode connection = JSON.readTree(client.next());
        assertThat(connection.get("type").asText()).isEqualTo("connection");
        return connection.get("epoch").asText();
    }

    private String journalEpoch() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("journal").resolve("journal.properties"))) {
            p.load(in);
        }
        return p.getProperty("epoch");
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
