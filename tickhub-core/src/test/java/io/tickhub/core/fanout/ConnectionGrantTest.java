package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.access.AccessLimits;
import io.tickhub.core.access.Credentials;
import io.tickhub.core.access.Grant;
import io.tickhub.core.access.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A connection's credential on the hub's clock: the auth timeout (4001), the expiry warning and
 * close (4002), refreshes for the same subject only, the scope and connection checks of {@code auth};
 * and a subject's subscriptions and upstream symbols counted over all its connections.
 */
class ConnectionGrantTest {

    private static final Duration WARNING = Duration.ofSeconds(30);
    private static final AccessLimits LIMITS = new AccessLimits(10, 3, 100, 30, 2);

    private final Hub hub = new Hub(100, new StreamSettings(16, Duration.ofSeconds(5), Duration.ofHours(1), 50));
    private final SubjectAccounts accounts = new SubjectAccounts();
    private final Map<String, Grant> tokens = new java.util.HashMap<>();
    private final Credentials credentials = token -> tokens.containsKey(token)
            ? new Credentials.Granted(tokens.get(token)) : new Credentials.Refused("auth_failed", "unknown");

    private Grant jwt(String subject, Instant expiresAt, Scope... scopes) {
        return new Grant(subject, Grant.Kind.JWT, Set.of(scopes), expiresAt, LIMITS);
    }

    private NativeSession pending(Hub.Client client, GrantBinder binder) {
        ConnectionGrant.pending(client.connection(), hub.clock.millis() + 10_000, WARNING, () -> { });
        return new NativeSession(client.connection(), hub.fanOut, hub.news, hub.bars, hub.clock,
                new SessionLimits(50, 1000, true), StoredResume.NONE, credentials, binder);
    }

    private void tick(Hub.Client client) {
        client.connection().tick();
        hub.drain();
    }

    private static ClientMessage subscribe(String... symbols) {
        return new ClientMessage.Subscribe(List.of(symbols), List.of(), false, Map.of(), null);
    }

    @Test
    void aPendingConnectionServesOnlyAuthAndPingAndIsClosedWith4001AtTheDeadline() {
        Hub.Client client = hub.connect();
        NativeSession session = pending(client, grant -> accounts.acquire(grant.subject()));

        session.handle(subscribe("AAPL"));
        session.handle(new ClientMessage.Ping("1"));
        session.handle(new ClientMessage.Auth("wrong"));
        hub.clock.advance(Duration.ofMillis(9_999));
        tick(client);
        assertThat(client.sink().isClosed()).isFalse();
        hub.clock.advance(Duration.ofMillis(1));
        tick(client);

        assertThat(client.ofType("error")).hasSize(2);
        assertThat(client.ofType("error").getFirst()).contains("\"code\":\"not_authenticated\"");
        assertThat(client.ofType("error").get(1)).contains("\"code\":\"auth_failed\"");
        assertThat(client.ofType("pong")).hasSize(1);
        assertThat(client.connection().symbols()).isEmpty();
        assertThat(client.sink().closeCode()).isEqualTo(4001);
    }

    @Test
    void aJwtIsWarnedOnceRefreshedForTheSameSubjectOnlyAndClosedWith4002AtItsExpiry() {
        Instant expiry = hub.clock.instant().plusSeconds(100);
        tokens.put("first", jwt("jwt:alice", expiry, Scope.STREAM));
        tokens.put("other", jwt("jwt:bob", expiry.plusSeconds(500), Scope.STREAM));
        tokens.put("renewed", jwt("jwt:alice", expiry.plusSeconds(200), Scope.STREAM));
        Hub.Client client = hub.connect();
        NativeSession session = pending(client, grant -> accounts.acquire(grant.subject()));
        session.handle(new ClientMessage.Auth("first"));
        hub.drain();
        assertThat(client.ofType("auth").getFirst()).contains("\"status\":\"ok\"").contains("\"subject\":\"jwt:alice\"")
                .contains("\"expires_at\":\"" + expiry + "\"");

        hub.clock.advance(Duration.ofSeconds(70));
        tick(client);
        tick(client);
        assertThat(client.ofType("auth")).hasSize(2);
        assertThat(client.ofType("auth").get(1)).contains("\"status\":\"expiring\"");
        session.handle(new ClientMessage.Auth("other"));
        hub.drain();
        assertThat(client.ofType("error").getLast()).contains("\"code\":\"auth_failed\"");
        session.handle(new ClientMessage.Auth("renewed"));
        hub.clock.advance(Duration.ofSeconds(30));
        tick(client);
        assertThat(client.sink().isClosed()).as("refreshed before the first token's expiry").isFalse();

        hub.clock.advance(Duration.ofSeconds(180)); // 20 s before the renewed token's expiry
        tick(client);
        hub.clock.advance(Duration.ofSeconds(20));
        tick(client);

        assertThat(client.ofType("auth").stream().filter(m -> m.contains("expiring"))).hasSize(2);
        assertThat(client.sink().closeCode()).isEqualTo(4002);
    }

    @Test
    void authWithoutTheStreamScopeClosesWith4003AndPastTheConnectionLimitWith4006() {
        tokens.put("read-only", jwt("jwt:reader", hub.clock.instant().plusSeconds(600), Scope.READ));
        tokens.put("full", jwt("jwt:busy", hub.clock.instant().plusSeconds(600), Scope.STREAM));
        Hub.Client reader = hub.connect();
        pending(reader, grant -> accounts.acquire(grant.subject())).handle(new ClientMessage.Auth("read-only"));
        Hub.Client busy = hub.connect();
        pending(busy, grant -> null).handle(new ClientMessage.Auth("full")); // the subject is at its limit

        hub.drain();

        assertThat(reader.sink().closeCode()).isEqualTo(4003);
        assertThat(busy.sink().closeCode()).isEqualTo(4006);
    }

    @Test
    void aSubjectsSubscriptionsAndUpstreamSymbolsAreCountedOverItsConnectionsAndGivenBack() {
        hub.interest.streamEverySymbol();
        Grant key = new Grant("key:k1", Grant.Kind.KEY, Set.of(Scope.STREAM), null, LIMITS);
        Hub.Client first = hub.connect();
        Hub.Client second = hub.connect();
        SubjectAccount account = accounts.acquire("key:k1");
        accounts.acquire("key:k1");
        ConnectionGrant.granted(first.connection(), key, account, WARNING, true, () -> accounts.release(account));
        ConnectionGrant.granted(second.connection(), key, account, WARNING, true, () -> accounts.release(account));
        NativeSession one = hub.sessionAllowingWildcard(first);
        NativeSession two = hub.sessionAllowingWildcard(second);

        one.handle(subscribe("UA", "UB", "UC")); // upstream: 2 at most
        two.handle(subscribe("UA", "UD"));       // UA is open already; UD would be a third
        hub.drain();

        assertThat(first.connection().symbols()).containsExactlyInAnyOrder("UA", "UB");
        assertThat(first.ofType("subscription").getFirst())
                .contains("{\"symbol\":\"UC\",\"reason\":\"upstream_limit\",\"channel\":\"quotes\"}");
        assertThat(second.connection().symbols()).containsExactly("UA");
        assertThat(second.ofType("subscription").getFirst()).contains("\"reason\":\"key_subscriptions\"");
        assertThat(account.subscriptions()).isEqualTo(3);
        assertThat(account.upstreamSymbols()).isEqualTo(2);
        assertThat(hub.interest.events()).containsExactly("first UA", "first UB");

        hub.disconnect(first);
        first.connection().access().ended();
        assertThat(account.subscriptions()).isEqualTo(1);
        assertThat(account.upstreamSymbols()).isEqualTo(1); // UA, still held by the second connection
        assertThat(accounts.find("key:k1")).isSameAs(account);
        hub.disconnect(second);
        second.connection().access().ended();
        assertThat(accounts.find("key:k1")).isNull();
    }
}
