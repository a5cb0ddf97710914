package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.access.Scope;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.TestHubConfig;
import io.tickhub.server.security.ApiKey;
import io.tickhub.server.security.ApiKeyStore;
import io.tickhub.server.security.LiveGrants;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Credentials on every stream, in {@code tickhub.security.mode=required}: refused without one
 * (401 at the upgrade or the SSE request; {@code /ws} asks for an {@code auth} message and closes
 * with 4001 when none comes in time), accepted in a header or {@code ?token=}, refused without the
 * {@code stream} scope (403, or 4003 after {@code auth}); a JWT's expiry during a connection (a
 * warning, a refresh, 4002 without one); revocation closing every live stream of the key (4003)
 * and nothing else. Time is the hub's {@link ManualClock}: no test waits for time to pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.security.mode=required",
        "tickhub.security.admin-key=" + StreamAuthenticationTest.ADMIN_KEY,
        "tickhub.security.jwt.secret=" + StreamAuthenticationTest.JWT_SECRET,
        "tickhub.stream.heartbeat-interval=1h", "tickhub.stream.max-messages-per-second=1000"})
@Import(TestHubConfig.class)
@Timeout(60)
class StreamAuthenticationTest {

    static final String ADMIN_KEY = "stream-auth-test-bootstrap-key-0123456789";
    static final String JWT_SECRET = "stream-auth-test-hs256-secret-0123456789abcdef";
    private static final List<String> WS_PATHS = List.of("/ws", "/ws/prices", "/ws/news", "/ws/AUTHT");

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyStore keys;
    @Autowired
    LiveGrants live;
    @Autowired
    ManualClock clock;
    @Autowired
    QuoteFeeder feed;

    @BeforeEach
    void aKnownTicker() {
        feed.prices("AUTHT", 10, 11); // /ws/{ticker_id} upgrades only for a known ticker
    }

    private ApiKeyStore.Created key(Set<Scope> scopes) {
        return keys.create("stream-test", scopes, ApiKey.LimitOverrides.NONE);
    }

    private static Map<String, String> header(ApiKeyStore.Created key) {
        return Map.of("X-API-Key", key.token());
    }

    private static String withToken(String path, String token) {
        return path + (path.contains("?") ? "&" : "?") + "token=" + token;
    }

    private String jwt(String subject, String scope, Duration validFor) {
        return StreamCredentials.jwt(JWT_SECRET, subject, scope, clock.instant().plus(validFor));
    }

    private static void assertAnswers(WsClient client) {
        client.send("{\"action\":\"ping\",\"id\":9}");
        assertThat(client.next("pong")).contains("\"id\":9");
    }

    @Test
    void withoutACredentialEveryCompatEndpointAndSseAreRefused401AndTheNativeOneAsksForAuth() throws IOException {
        for (String path : List.of("/ws/prices", "/ws/news", "/ws/AUTHT")) {
            StreamCredentials.Answer answer = StreamCredentials.upgrade(port, path, Map.of());
            assertThat(answer.status()).as(path).isEqualTo(401);
            assertThat(answer.body()).as(path).contains("\"code\":\"not_authenticated\"");
        }
        StreamCredentials.Answer sse = StreamCredentials.get(port, "/api/v1/stream?symbols=AUTHT", Map.of());
        assertThat(sse.status()).isEqualTo(401);
        assertThat(sse.body()).contains("\"code\":\"not_authenticated\"");

        WsClient pending = WsClient.connect(port, "/ws", true);
        assertThat(pending.next("connection")).contains("\"auth\":\"required\"");
        pending.abort();
    }

    @Test
    void aKeyInAHeaderOrInTheQueryOpensEveryEndpoint() {
        ApiKeyStore.Created key = key(Set.of(Scope.STREAM));
        for (String path : WS_PATHS) {
            for (boolean inQuery : new boolean[] {false, true}) {
                WsClient client = inQuery ? WsClient.connect(port, withToken(path, key.token()), true)
                        : WsClient.connect(port, path, true, header(key));
                String first = client.next();
                assertThat(first).as(path).doesNotContain("\"auth\":\"required\"").doesNotContain("\"error\"");
                client.abort();
            }
        }
        try (SseClient headed = SseClient.connect(port, "/api/v1/stream?symbols=AUTHT", null, header(key));
             SseClient queried = SseClient.connect(port, withToken("/api/v1/stream?symbols=AUTHT", key.token()), null)) {
            assertThat(headed.next("connection").data()).contains("\"status\":\"connected\"");
            assertThat(queried.next("connection").data()).contains("\"status\":\"connected\"");
            assertThat(headed.next("price_update").data()).contains("AUTHT");
        }
    }

    @Test
    void aKeyWithoutTheStreamScopeIsRefused403OrClosedWith4003AfterAuth() throws IOException {
        ApiKeyStore.Created readOnly = key(Set.of(Scope.READ));
        for (String path : WS_PATHS) {
            StreamCredentials.Answer viaHeader = StreamCredentials.upgrade(port, path, header(readOnly));
            assertThat(viaHeader.status()).as(path).isEqualTo(403);
            assertThat(viaHeader.body()).as(path).contains("\"code\":\"forbidden\"");
            assertThat(StreamCredentials.upgrade(port, withToken(path, readOnly.token()), Map.of()).status())
                    .as(path).isEqualTo(403);
        }
        assertThat(StreamCredentials.get(port, "/api/v1/stream?symbols=AUTHT", header(readOnly)).status()).isEqualTo(403);

        WsClient pending = WsClient.connect(port, "/ws", true);
        pending.next("connection");
        pending.send("{\"action\":\"auth\",\"token\":\"" + readOnly.token() + "\"}");
        assertThat(pending.awaitClose()).isEqualTo(4003);
    }

    @Test
    void onlyAuthAndPingAreServedBeforeAuthAndAFailedAuthKeepsTheConnectionUntilTheTimeout() {
        ApiKeyStore.Created key = key(Set.of(Scope.STREAM, Scope.READ));
        WsClient late = WsClient.connect(port, "/ws", true);
        late.next("connection");
        WsClient client = WsClient.connect(port, "/ws", true);
        assertThat(client.next("connection")).contains("\"auth\":\"required\"");

        client.send("{\"action\":\"subscribe\",\"symbols\":[\"AUTHT\"]}");
        assertThat(client.next("error")).contains("\"code\":\"not_authenticated\"");
        assertAnswers(client);
        client.send("{\"action\":\"auth\",\"token\":\"thk_aaaaaaaaaaaa_" + "A".repeat(43) + "\"}");
        assertThat(client.next("error")).contains("\"code\":\"auth_failed\"");
        client.send("{\"action\":\"auth\",\"token\":\"" + key.token() + "\"}");
        String ok = client.next("\"type\":\"auth\"");
        assertThat(ok).contains("\"status\":\"ok\"").contains("\"subject\":\"key:" + key.key().id() + "\"")
                .contains("\"scopes\":[\"read\",\"stream\"]").contains("\"expires_at\":null");
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"AUTHT\"]}");
        assertThat(client.next("subscription")).contains("\"accepted\":[\"AUTHT\"]");

        clock.advance(Duration.ofSeconds(10)); // tickhub.security.auth-timeout

        assertThat(late.awaitClose()).isEqualTo(4001);
        assertAnswers(client); // authenticated in time: the timeout no longer applies
        client.abort();
    }

    @Test
    void aJwtIsWarnedOfBeforeItsExpiryRefreshedByAuthAndClosedWith4002WithoutARefresh() {
        String first = jwt("alice", "stream", Duration.ofSeconds(120));
        WsClient refreshed = WsClient.connect(port, withToken("/ws", first), true);
        assertThat(refreshed.next("connection")).doesNotContain("\"auth\"");
        WsClient witness = WsClient.connect(port, "/ws", true, Map.of("Authorization", "Bearer " + first));
        witness.next("connection");
        try (SseClient sse = SseClient.connect(port, withToken("/api/v1/stream?symbols=AUTHT", first), null)) {
            sse.next("connection");

            clock.advance(Duration.ofSeconds(91)); // 29 s left: within tickhub.security.expiry-warning (30 s)

            assertThat(refreshed.next("\"type\":\"auth\"")).contains("\"status\":\"expiring\"")
                    .contains("\"expires_at\":\"" + clock.instant().plusSeconds(29) + "\"");
            assertThat(sse.next("auth").data()).contains("\"status\":\"expiring\"");
            refreshed.send("{\"action\":\"auth\",\"token\":\"" + jwt("mallory", "stream", Duration.ofMinutes(10)) + "\"}");
            assertThat(refreshed.next("error")).contains("\"code\":\"auth_failed\"").contains("jwt:alice");
            String second = jwt("alice", "stream", Duration.ofSeconds(300));
            refreshed.send("{\"action\":\"auth\",\"token\":\"" + second + "\"}");
            assertThat(refreshed.next("\"type\":\"auth\"")).contains("\"status\":\"ok\"").contains("\"subject\":\"jwt:alice\"");

            clock.advance(Duration.ofSeconds(30)); // past the first token's expiry

            assertThat(witness.awaitClose()).isEqualTo(4002);
            assertThat(sse.next("close").data()).contains("4002");
            assertAnswers(refreshed);

            clock.advance(Duration.ofSeconds(300)); // past the refreshed one's
            assertThat(refreshed.awaitClose()).isEqualTo(4002);
        }
    }

    @Test
    void revokingAKeyClosesEveryLiveStreamOfItWith4003AndNoOtherKeys() throws IOException {
        ApiKeyStore.Created revoked = key(Set.of(Scope.STREAM));
        ApiKeyStore.Created kept = key(Set.of(Scope.STREAM));
        String subject = "key:" + revoked.key().id();
        List<WsClient> sockets = List.of(
                WsClient.connect(port, "/ws", true, header(revoked)),
                WsClient.connect(port, withToken("/ws/prices", revoked.token()), true),
                WsClient.connect(port, "/ws/news", true, header(revoked)),
                WsClient.connect(port, "/ws/AUTHT", true, header(revoked)));
        WsClient byMessage = WsClient.connect(port, "/ws", true);
        byMessage.send("{\"action\":\"auth\",\"token\":\"" + revoked.token() + "\"}");
        byMessage.next("\"status\":\"ok\"");
        WsClient other = WsClient.connect(port, "/ws", true, header(kept));
        other.next("connection");
        try (SseClient sse = SseClient.connect(port, "/api/v1/stream?symbols=AUTHT", null, header(revoked))) {
            sse.next("connection");
            for (WsClient socket : sockets) {
                socket.next();
            }
            assertThat(live.count(subject)).isEqualTo(6);

            keys.revoke(revoked.key().id());

            for (WsClient socket : sockets) {
                assertThat(socket.awaitClose()).isEqualTo(4003);
            }
            assertThat(byMessage.awaitClose()).isEqualTo(4003);
            assertThat(sse.next("close").data()).contains("4003");
            await().atMost(Duration.ofSeconds(5)).until(sse::ended);
            assertAnswers(other);
            assertThat(live.count(subject)).isZero();
            StreamCredentials.Answer again = StreamCredentials.upgrade(port, "/ws/prices", header(revoked));
            assertThat(again.status()).isEqualTo(401);
            assertThat(again.body()).contains("\"code\":\"auth_failed\"");
        }
        other.abort();
    }
}
