package io.tickhub.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.client.Backoff;
import io.tickhub.client.ClientConfig;
import io.tickhub.client.ConnectionState;
import io.tickhub.client.StateChange;
import io.tickhub.client.TickhubClient;
import io.tickhub.server.store.EmbeddedPostgresServer;
import io.tickhub.server.testing.EmbeddedKafka;
import io.tickhub.server.testing.HubProcess;
import io.tickhub.server.testing.TypeScriptLiveSuite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client and {@code @tickhub/client} (TypeScript, in Node: src/main/client/src/gatewaySwitch.test.ts)
 * on a two-gateway cluster (one ingest-and-worker node and two gateways, each a JVM of its own, on
 * a Kafka broker and PostgreSQL): when their gateway is killed ({@code kill -9}), both move to the
 * other and resume there, every update accounted for. Both clients ride the same kill, so the
 * cluster starts once; the TypeScript half runs where {@link TypeScriptLiveSuite#runnable()}.
 */
class ClientGatewaySwitchTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");

    private EmbeddedKafka kafka;
    private final List<HubProcess> nodes = new ArrayList<>();
    private TypeScriptLiveSuite typeScript;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (typeScript != null) {
            typeScript.close();
        }
        nodes.forEach(HubProcess::kill);
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void whenTheirGatewayIsKilledTheJavaAndTypeScriptClientsResumeOnTheOtherWithEveryUpdateAccountedFor() throws Exception {
        kafka = EmbeddedKafka.start();
        List<String> common = List.of("--tickhub.bus.type=kafka",
                "--tickhub.bus.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--tickhub.bus.kafka.partitions=2",
                "--spring.datasource.url=" + EmbeddedPostgresServer.shared().freshDatabase(),
                "--tickhub.simulator.news-interval=0");
        // Ingest first: it creates the topic and migrates the schema, which the gateways then find.
        HubProcess ingest = HubProcess.start("client-ingest", with(common, "--tickhub.roles=ingest,worker",
                "--tickhub.simulator.ticker-count=0", "--tickhub.simulator.interval=20ms"));
        nodes.add(ingest);
        ingest.awaitUp(START);
        HubProcess gatewayA = HubProcess.start("client-gateway-a", with(common, "--tickhub.roles=gateway",
                "--tickhub.simulator.enabled=false"));
        HubProcess gatewayB = HubProcess.start("client-gateway-b", with(common, "--tickhub.roles=gateway",
                "--tickhub.simulator.enabled=false"));
        nodes.addAll(List.of(gatewayA, gatewayB));
        Stream.of(gatewayA, gatewayB).forEach(g -> g.awaitUp(START));

        URI a = URI.create("http://127.0.0.1:" + gatewayA.port());
        URI b = URI.create("http://127.0.0.1:" + gatewayB.port());
        if (TypeScriptLiveSuite.runnable()) {
            typeScript = TypeScriptLiveSuite.start("src/gatewaySwitch.test.ts", Map.of("TICKHUB_GATEWAYS", a + "," + b), dir);
        }
        List<StateChange> changes = new CopyOnWriteArrayList<>();
        try (TickhubClient client = TickhubClient.connect(ClientConfig.builder(a, b).listener(changes::add)
                .backoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5))).build())) {
            client.subscribe(SYMBOLS);
            Ledger ledger = new Ledger();
            // Both clients on gateway A (the TypeScript one asks for the kill once it has 20 quotes).
            ledger.drainUntil(client, () -> SYMBOLS.stream().allMatch(s -> ledger.delivered.getOrDefault(s, 0L) >= 50)
                    && (typeScript == null || typeScript.killRequested() || typeScript.ended()), Duration.ofSeconds(30));
            assertThat(typeScript == null || typeScript.killRequested()).as("the TypeScript client on gateway A: %s",
                    typeScript == null ? "" : typeScript.log()).isTrue();
            long before = ledger.last("AAPL");

            gatewayA.kill();
            ledger.drainUntil(client, () -> SYMBOLS.stream().allMatch(s -> ledger.last(s) >= before + 100),
                    Duration.ofSeconds(30));

            List<StateChange> connected = changes.stream().filter(c -> c.to() == ConnectionState.CONNECTED).toList();
            assertThat(connected).extracting(StateChange::endpoint).containsExactly(a, b);
            ledger.assertEveryUpdateAccountedFor();
            assertThat(ledger.lost).as("gateway B replays from its ring what A did not send").isEmpty();
        }
        if (typeScript != null) {
            typeScript.assertPassed(Duration.ofSeconds(30), 1);
        }
    }

    private static List<String> with(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all.stream().filter(Objects::nonNull).toList();
    }
}
