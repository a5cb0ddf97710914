package io.tickhub.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tickhub.server.store.EmbeddedPostgresServer;
import io.tickhub.server.stream.WsClient;
import io.tickhub.server.testing.EmbeddedRedis;
import io.tickhub.server.testing.HubProcess;
import io.tickhub.server.testing.KafkaBrokerProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scaled-out hub as deployed: one ingest, one worker and two gateways, each a JVM of its own,
 * on a real Kafka (a KRaft broker in a JVM of its own, so it can be killed and restarted),
 * PostgreSQL and Redis. The tests run in order on one cluster: the later ones break parts of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Pattern UPDATE = Pattern.compile(
            "\"type\":\"price_update\",\"symbol\":\"([A-Z]+)\",\"seq\":(\\d+).*?\"price\":([0-9.eE-]+)");

    static String database;
    static KafkaBrokerProcess kafka;
    static EmbeddedRedis redis;
    static HubProcess ingest;
    static HubProcess worker;
    static HubProcess gatewayA;
    static HubProcess gatewayB;

    @BeforeAll
    static void startCluster() {
        kafka = KafkaBrokerProcess.start(START);
        redis = EmbeddedRedis.start();
        database = EmbeddedPostgresServer.shared().freshDatabase();
        List<String> common = List.of("--tickhub.bus.type=kafka",
                "--tickhub.bus.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--tickhub.bus.kafka.partitions=4",
                "--spring.datasource.url=" + database,
                "--tickhub.cache.type=redis", "--tickhub.redis.url=" + redis.url(),
                "--tickhub.store.writer.retry-max=1s");
        // Ingest first: it creates the topic and migrates the schema, which the others then find.
        ingest = HubProcess.start("ingest", with(common, "--tickhub.roles=ingest", "--tickhub.simulator.interval=100ms",
                "--tickhub.simulator.news-interval=500ms"))
                .awaitUp(START);
        worker = HubProcess.start("worker", with(common, "--tickhub.roles=worker", "--tickhub.simulator.enabled=false"));
        // Gateways keep 50 updates a symbol (5 s of the simulator's), so resumes reach past the ring.
        gatewayA = HubProcess.start("gateway-a", with(common, "--tickhub.roles=gateway", "--tickhub.simulator.enabled=false",
                "--tickhub.history-size=50"));
        gatewayB = HubProcess.start("gateway-b", with(common, "--tickhub.roles=gateway", "--tickhub.simulator.enabled=false",
                "--tickhub.history-size=50"));
        Stream.of(worker, gatewayA, gatewayB).forEach(hub -> hub.awaitUp(START));
    }

    @AfterAll
    static void stopCluster() {
        Stream.of(gatewayA, gatewayB, worker, ingest).filter(java.util.Objects::nonNull).forEach(HubProcess::close);
        if (redis != null) {
            redis.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static List<String> with(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all;
    }

    /** The next {@code count} live updates of {@code symbol} on this client, seq → price, in arrival order. */
    private static Map<Long, String> updates(WsClient client, String symbol, int count) {
        Map<Long, String> out = new LinkedHashMap<>();
        while (out.size() < count) {
            Matcher m = UPDATE.matcher(client.next("\"type\":\"price_update\",\"symbol\":\"" + symbol + "\""));
            if (m.find() && !m.group(0).contains("\"snapshot\":true")) {
                out.put(Long.parseLong(m.group(2)), m.group(3));
            }
        }
        return out;
    }

    private static WsClient subscribe(HubProcess gateway, String message) {
        WsClient client = WsClient.connect(gateway.port(), "/ws", true);
        client.next("connection");
        client.send(message);
        return client;
    }

    @Test
    @Order(1)
    void clientsOnBothGatewaysGetTheSameSeqForTheSameUpdate() {
        WsClient onA = subscribe(gatewayA, "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"snapshot\":false}");
        WsClient onB = subscribe(gatewayB, "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"snapshot\":false}");

        Map<Long, String> seenOnA = updates(onA, "AAPL", 40);
        Map<Long, String> seenOnB = updates(onB, "AAPL", 40);

        List<Long> common = seenOnA.keySet().stream().filter(seenOnB::containsKey).toList();
        assertThat(common).as("both saw the same stretch of the stream").hasSizeGreaterThan(20);
        common.forEach(seq -> assertThat(seenOnB.get(seq)).as("price of seq %d", seq).isEqualTo(seenOnA.get(seq)));
        assertThat(new ArrayList<>(seenOnA.keySet())).as("consecutive seqs on A").isEqualTo(consecutive(seenOnA));
        assertThat(new ArrayList<>(seenOnB.keySet())).as("consecutive seqs on B").isEqualTo(consecutive(seenOnB));
    }

    private static List<Long> consecutive(Map<Long, String> updates) {
        long first = updates.keySet().iterator().next();
        return java.util.stream.LongStream.range(first, first + updates.size()).boxed().toList();
    }

    @Test
    @Order(2)
    void aClientWhoseGatewayIsKilledResumesOnTheOtherWithoutAGap() {
        WsClient onA = subscribe(gatewayA, "{\"action\":\"subscribe\",\"symbols\":[\"MSFT\"],\"snapshot\":false}");
        Map<Long, String> before = updates(onA, "MSFT", 10);
        long lastSeq = before.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();

        gatewayA.kill();

        WsClient onB = subscribe(gatewayB, "{\"action\":\"subscribe\",\"symbols\":[\"MSFT\"],\"resume\":{\"MSFT\":" + lastSeq + "}}");
        assertThat(onB.next("\"type\":\"recovered\"")).contains("\"complete\":true").contains("\"from\":" + (lastSeq + 1));
        Map<Long, String> after = updates(onB, "MSFT", 20);
        assertThat(after.keySet().iterator().next()).as("continues right after the last seq seen on A").isEqualTo(lastSeq + 1);
        assertThat(new ArrayList<>(after.keySet())).as("no gap, no repeat").isEqualTo(consecutive(after));
    }

    @Test
    @Order(3)
    void aClientAwayLongerThanTheRingResumesFromTheStoreWithoutAGap() {
        WsClient client = subscribe(gatewayB, "{\"action\":\"subscribe\",\"symbols\":[\"AMZN\"],\"resume\":{\"AMZN\":10}}");

        Matcher recovered = Pattern.compile("\"from\":(\\d+),\"to\":(\\d+),\"complete\":(true|false)")
                .matcher(client.next("\"type\":\"recovered\""));
        assertThat(recovered.find()).isTrue();
        long to = Long.parseLong(recovered.group(2));
        assertThat(to).as("latest seq: far past the gateway's 50-update ring").isGreaterThan(100);
        assertThat(recovered.group(3)).as("complete").isEqualTo("true");
        Map<Long, String> replayed = updates(client, "AMZN", (int) (to - 10) + 5);
        assertThat(replayed.keySet().iterator().next()).isEqualTo(11L);
        assertThat(new ArrayList<>(replayed.keySet())).as("store, then ring, then live: no gap, no repeat")
                .isEqualTo(consecutive(replayed));
    }

    @Test
    @Order(4)
    void newsFromIngestReachesAGatewaysClientsAndItsNewsRoute() {
        WsClient client = subscribe(gatewayB, "{\"action\":\"subscribe\",\"symbols\":[\"*\"],\"channels\":[\"news\"]}");

        String news = client.next("\"type\":\"news\"");
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(news);
        assertThat(id.find()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> gatewayB.get("/api/v1/news?limit=50").contains(id.group(1)));
        assertThat(ingest.get("/api/v1/news?limit=50")).as("the same item, as ingest has it").contains(id.group(1));
    }

    @Test
    @Order(5)
    void theWorkerStoresEveryQuoteIngestPublishedWithoutAGap() throws SQLException {
        await().atMost(Duration.ofSeconds(60)).until(() -> storedSeqs("GOOGL")[1] >= 50);
        long[] stored = storedSeqs("GOOGL");
        assertThat(stored[0]).as("rows of GOOGL: seqs 1..%d, none missing", stored[1]).isEqualTo(stored[1]);
    }

    /** {rows, highest seq} of a symbol in PostgreSQL, read directly: what the worker wrote, not a gateway's book. */
    private static long[] storedSeqs(String symbol) throws SQLException {
        try (Connection c = DriverManager.getConnection(database);
             PreparedStatement q = c.prepareStatement("SELECT count(*), coalesce(max(seq), 0) FROM price_points WHERE symbol = ?")) {
            q.setString(1, symbol);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return new long[] {r.getLong(1), r.getLong(2)};
            }
        }
    }

    @Test
    @Order(6)
    void aRedisOutageDegradesToTheBookWithoutErrorsAndTheCacheFillsAgainAfterIt() {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> connection.sync().get("latest_price_AMZN") != null);
        }
        redis.stop();

        for (int i = 0; i < 5; i++) {
            assertThat(gatewayB.get("/prices/latest?symbol=AMZN")).contains("AMZN");
            assertThat(gatewayB.status("/health")).isEqualTo(200);
        }
        long storedBefore = storedSeqsUnchecked("AMZN");
        WsClient live = subscribe(gatewayB, "{\"action\":\"subscribe\",\"symbols\":[\"AMZN\"],\"snapshot\":false}");
        assertThat(updates(live, "AMZN", 5)).as("the stream goes on without Redis").hasSize(5);

        redis.restart();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushall();
            await().atMost(Duration.ofSeconds(30)).until(() -> connection.sync().get("latest_price_AMZN") != null);
        } finally {
            client.shutdown();
        }
        assertThat(storedSeqsUnchecked("AMZN")).as("the worker kept storing through the outage").isGreaterThan(storedBefore);
    }

    private static long storedSeqsUnchecked(String symbol) {
        try {
            return storedSeqs(symbol)[1];
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(7)
    void aKafkaBrokerKilledAndRestartedLosesNothing() throws SQLException {
        WsClient live = subscribe(gatewayB, "{\"action\":\"subscribe\",\"symbols\":[\"NVDA\"],\"snapshot\":false}");
        Map<Long, String> seen = new LinkedHashMap<>(updates(live, "NVDA", 5));
        double sequenced = ingest.metric("tickhub_ingest_processed_total");

        kafka.kill();
        // Ingest goes on sequencing; its producer holds what the broker cannot take yet.
        await().atMost(Duration.ofSeconds(30)).until(() -> ingest.metric("tickhub_ingest_processed_total") >= sequenced + 100);
        kafka.restart(START);

        seen.putAll(updates(live, "NVDA", 60));
        assertThat(new ArrayList<>(seen.keySet())).as("the gateway's stream of NVDA through the restart: no gap, no repeat")
                .isEqualTo(consecutive(seen));
        long last = seen.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> storedSeqs("NVDA")[1] >= last);
        long[] stored = storedSeqs("NVDA");
        assertThat(stored[0]).as("rows of NVDA: seqs 1..%d, none missing", stored[1]).isEqualTo(stored[1]);
        assertThat(ingest.metric("tickhub_bus_send_failures_total")).as("quotes Kafka never took").isZero();
        for (HubProcess hub : List.of(worker, gatewayB)) {
            assertThat(hub.get("/health")).as(hub.name() + " health").contains("\"stopped_threads\":{}");
        }
    }
}
