package io.tickhub.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tickhub.client.Backoff;
import io.tickhub.client.Credentials;
import io.tickhub.client.ClientClosedException;
import io.tickhub.client.ClientConfig;
import io.tickhub.client.ConnectionState;
import io.tickhub.client.OverflowPolicy;
import io.tickhub.client.StateChange;
import io.tickhub.client.StreamEvent;
import io.tickhub.client.TickhubClient;
import io.tickhub.server.testing.FreePorts;
import io.tickhub.server.testing.HubProcess;
import io.tickhub.client.JdkWebSocketTransport;
import io.tickhub.client.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client against a hub in a JVM of its own, which asks every client for a key
 * ({@code tickhub.security.mode=required}) and runs the simulator at 100 updates a second per
 * symbol, and replays only from its last 10 updates a symbol. The last test kills the hub
 * ({@code kill -9}), then stops it (SIGTERM), restarting it on the same port each time, while the
 * client keeps streaming; the client is held off until the hub is 100 updates further, so the
 * hub cannot replay what the client missed and the client repairs it from REST history.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientAgainstHubProcessTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final String ADMIN_KEY = "client-test-bootstrap-admin-key-0123456789";
    private static final String JWT_SECRET = "client-test-jwt-secret-0123456789abcdef";
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");

    @TempDir
    static Path dir;
    private static int port;
    private static HubProcess hub;
    private static int starts;

    @BeforeAll
    static void startHub() {
        port = FreePorts.next();
        hub = start();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.kill();
        }
    }

    private static HubProcess start() {
        return HubProcess.start("client-hub-" + ++starts, port, List.of(
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("tickhub") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--tickhub.journal.dir=" + dir.resolve("journal"),
                "--tickhub.simulator.ticker-count=0",
                "--tickhub.simulator.interval=10ms",
                "--tickhub.simulator.news-interval=0",
                // The hub itself replays only its last 10 updates a symbol: a client away longer gets
                // complete:false and a snapshot, and must fill the gap from REST history.
                "--tickhub.history-size=10",
                "--tickhub.stream.resume-from-store=0",
                "--tickhub.security.mode=required",
                "--tickhub.security.admin-key=" + ADMIN_KEY,
                "--tickhub.security.jwt.secret=" + JWT_SECRET,
                "--tickhub.security.jwt.clock-skew=0s",
                "--tickhub.security.expiry-warning=2s")).awaitUp(START);
    }

    private static ClientConfig.Builder client() {
        return ClientConfig.builder(URI.create("http://127.0.0.1:" + port)).token(ADMIN_KEY)
                .backoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    @Test
    @Order(1)
    void aRefusedKeyClosesTheClientAtTheFirstAttemptWithoutRetrying() throws Exception {
        List<StateChange> changes = new CopyOnWriteArrayList<>();
        try (TickhubClient client = TickhubClient.connect(client().token("thk_not_a_key_of_this_hub").listener(changes::add).build())) {
            client.subscribe(SYMBOLS);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ConnectionState.CLOSED);

            assertThat(changes).extracting(StateChange::to).containsExactly(ConnectionState.CLOSED);
            assertThat(changes.get(0).code()).isEqualTo(401);
            assertThat(client.stats().reconnects()).isZero();
            assertThatThrownBy(() -> client.poll(Duration.ofSeconds(1))).isInstanceOf(ClientClosedException.class)
                    .hasMessageContaining("401");
        }
    }

    @Test
    @Order(2)
    void aSlowApplicationIsConflatedToTheLatestQuotesNotDisconnected() throws Exception {
        try (TickhubClient client = TickhubClient.connect(client().queue(8, OverflowPolicy.CONFLATE).build())) {
            client.subscribe(SYMBOLS);
            Ledger ledger = new Ledger();
            // The application takes one event every 20 ms while 200 a second arrive: it is the slow part.
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                StreamEvent event = client.poll(Duration.ofMillis(100));
                if (event != null) {
                    ledger.take(event);
                }
                Thread.sleep(20);
            }

            assertThat(client.stats().clientConflated()).as("conflated by the client's queue").isGreaterThan(100);
            assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(client.stats().reconnects()).isZero();
            assertThat(client.stats().lagMicros()).as("the latest quotes, not old ones").isLessThan(2_000_000);
            ledger.assertEveryUpdateAccountedFor();
        }
    }

    @Test
    @Order(3)
    void aJwtIsRefreshedOnTheLiveConnectionEachTimeTheHubSaysItIsExpiring() throws Exception {
        AtomicInteger minted = new AtomicInteger();
        // Each token lives 4 s; the hub warns 2 s before its end, and the client answers with a new one.
        Credentials jwt = () -> {
            minted.incrementAndGet();
            return jwt(Instant.now().plusSeconds(4));
        };
        List<StateChange> changes = new CopyOnWriteArrayList<>();
        try (TickhubClient client = TickhubClient.connect(client().credentials(jwt).listener(changes::add).build())) {
            client.subscribe(SYMBOLS);
            Ledger ledger = new Ledger();
            ledger.drainUntil(client, () -> minted.get() >= 4, Duration.ofSeconds(20));
            ledger.drainUntil(client, () -> SYMBOLS.stream().allMatch(s -> ledger.delivered.getOrDefault(s, 0L) >= 100),
                    Duration.ofSeconds(10));

            assertThat(changes).extracting(StateChange::to).containsExactly(ConnectionState.CONNECTED);
            assertThat(client.stats().reconnects()).isZero();
            ledger.assertEveryUpdateAccountedFor();
        }
    }

    private static String jwt(Instant expiresAt) throws Exception {
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("client-test").claim("scope", "read stream").expirationTime(Date.from(expiresAt)).build());
        token.sign(new MACSigner(JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        return token.serialize();
    }

    @Test
    @Order(4)
    void afterAKillDashNineAndAStopTheClientResumesAndRepairsWhatTheHubCannotReplay() throws Exception {
        List<StateChange> changes = new CopyOnWriteArrayList<>();
        GatedTransport transport = new GatedTransport(new JdkWebSocketTransport(HttpClient.newHttpClient(),
                Duration.ofSeconds(5), Clock.systemUTC()));
        try (TickhubClient client = TickhubClient.connect(client().transport(transport).listener(changes::add).build())) {
            client.subscribe(SYMBOLS);
            Ledger ledger = new Ledger();
            ledger.drainUntil(client, () -> SYMBOLS.stream().allMatch(s -> ledger.delivered.getOrDefault(s, 0L) >= 100),
                    Duration.ofSeconds(20));

            for (String ending : List.of("kill", "term")) {
                long before = ledger.last("AAPL");
                transport.close();
                if (ending.equals("kill")) {
                    hub.kill();
                } else {
                    hub.close();
                }
                hub = start();
                await().atMost(Duration.ofSeconds(20)).until(() -> latestSeq(client, "AAPL") >= before + 100);
                transport.open();
                ledger.drainUntil(client, () -> SYMBOLS.stream().allMatch(s -> ledger.last(s) >= before + 200),
                        Duration.ofSeconds(30));
            }

            assertThat(changes).extracting(StateChange::to).contains(ConnectionState.RECONNECTING);
            assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(client.stats().reconnects()).isGreaterThanOrEqualTo(2);
            ledger.assertEveryUpdateAccountedFor();
            assertThat(ledger.repaired).as("filled from REST history, twice at least 100 a symbol").isGreaterThanOrEqualTo(2 * 100 * SYMBOLS.size());
            assertThat(client.stats().updatesRepaired()).as("counted as delivered into the queue").isGreaterThanOrEqualTo(ledger.repaired);
            assertThat(ledger.lost).as("the hub keeps every update it sent (journal, store), so history owes nothing").isEmpty();
        }
    }

    /** The hub's latest seq of {@code symbol}, read with the client's REST call; 0 while it has none or is not up. */
    private static long latestSeq(TickhubClient client, String symbol) {
        try {
            return client.rest().latest(symbol).get(5, TimeUnit.SECONDS).seq();
        } catch (ExecutionException | TimeoutException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Opens connections only while open: holds the client off a restarted hub until the test lets it in. */
    private static final class GatedTransport implements Transport {
        private final Transport delegate;
        private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

        GatedTransport(Transport delegate) {
            this.delegate = delegate;
        }

        void close() {
            gate = new CompletableFuture<>();
        }

        void open() {
            gate.complete(null);
        }

        @Override
        public CompletableFuture<Connection> open(URI uri, Map<String, String> headers, Events events) {
            return gate.thenCompose(v -> delegate.open(uri, headers, events));
        }
    }
}
