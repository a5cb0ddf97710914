package io.tickhub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.access.AccessLimits;
import io.tickhub.core.access.Grant;
import io.tickhub.core.access.Scope;
import io.tickhub.core.testing.ManualClock;
import java.net.InetSocketAddress;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The access decision on the remote address, headers and mode, without a server. */
class AccessPolicyTest {

    static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 50000);
    static final InetSocketAddress LOOPBACK_V6 = new InetSocketAddress("::1", 50000);
    static final InetSocketAddress REMOTE = new InetSocketAddress("10.20.30.40", 50000);
    static final String ADMIN_KEY = "a-bootstrap-admin-key-of-32-chars-or-more";
    static final AccessLimits LIMITS = new AccessLimits(10, 100, 10, 10, 10);

    ApiKeyStore keys;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:access-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration/h2").load().migrate();
        keys = new ApiKeyStore(h2, new ManualClock(), new ApiKeyCodec(new java.security.SecureRandom()), subject -> { });
    }

    AccessPolicy policy(SecurityProperties.Mode mode, String adminKey) {
        return policy(mode, adminKey, List.of());
    }

    AccessPolicy policy(SecurityProperties.Mode mode, String adminKey, List<String> allowedHosts) {
        SecurityProperties settings = new SecurityProperties(mode, List.of("read", "stream", "jobs", "admin"),
                List.of("read", "stream"), allowedHosts, adminKey, java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(30), new SecurityProperties.Keys(java.time.Duration.ofSeconds(2)),
                new SecurityProperties.Jwt(null, null, null, null, java.time.Duration.ofSeconds(30)), null);
        return new AccessPolicy(settings, new TokenCredentials(adminKey, keys, null, LIMITS), LIMITS);
    }

    static HttpHeaders host(String host) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.HOST, host);
        return headers;
    }

    @Test
    void protectedModeServesLoopbackWithEveryScopeAndNoKey() {
        AccessPolicy policy = policy(SecurityProperties.Mode.PROTECTED, null);
        for (InetSocketAddress local : List.of(LOOPBACK, LOOPBACK_V6, new InetSocketAddress("127.0.0.2", 1))) {
            var decision = policy.decide(host("localhost:8080"), local, null);
            assertThat(decision).isInstanceOf(AccessPolicy.Allowed.class);
            Grant grant = ((AccessPolicy.Allowed) decision).grant();
            assertThat(grant.kind()).isEqualTo(Grant.Kind.LOCAL);
            assertThat(grant.scopes()).containsExactlyInAnyOrderElementsOf(Scope.ALL);
        }
    }

    @Test
    void protectedModeWithoutCredentialsRefusesOtherAddressesSayingHowToConfigureKeys() {
        var decision = policy(SecurityProperties.Mode.PROTECTED, null).decide(host("hub.example:8080"), REMOTE, null);
        assertThat(decision).isInstanceOfSatisfying(AccessPolicy.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.code()).isEqualTo("protected_mode");
            assertThat(refused.message()).contains("protected mode", "TICKHUB_ADMIN_KEY", "bin/tickhub keys create",
                    "tickhub.security.mode=open");
        });
    }

    @Test
    void protectedModeWithCredentialsAsksOtherAddressesToAuthenticate() {
        var decision = policy(SecurityProperties.Mode.PROTECTED, ADMIN_KEY).decide(host("hub:8080"), REMOTE, null);
        assertThat(decision).isInstanceOfSatisfying(AccessPolicy.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(refused.code()).isEqualTo("not_authenticated");
        });
    }

    @Test
    void aStoredKeyIsEnoughToLeaveTheProtectedModeRefusal() {
        AccessPolicy policy = policy(SecurityProperties.Mode.PROTECTED, null);
        ApiKeyStore.Created created = keys.create("ci", java.util.Set.of(Scope.READ), ApiKey.LimitOverrides.NONE);
        assertThat(policy.decide(host("hub:8080"), REMOTE, null))
                .isInstanceOfSatisfying(AccessPolicy.Refused.class, r -> assertThat(r.code()).isEqualTo("not_authenticated"));
        HttpHeaders withKey = host("hub:8080");
        withKey.setBearerAuth(created.token());
        assertThat(policy.decide(withKey, REMOTE, null)).isInstanceOfSatisfying(AccessPolicy.Allowed.class,
                allowed -> assertThat(allowed.grant().subject()).isEqualTo("key:" + created.key().id()));
    }

    @Test
    void aLoopbackPeerBehindAProxyIsNotLocal() {
        AccessPolicy policy = policy(SecurityProperties.Mode.PROTECTED, null);
        for (String header : List.of("X-Forwarded-For", "Forwarded", "X-Real-IP")) {
            HttpHeaders headers = host("localhost:8080");
            headers.set(header, "203.0.113.9");
            assertThat(policy.decide(headers, LOOPBACK, null)).as(header)
                    .isInstanceOfSatisfying(AccessPolicy.Refused.class, r -> assertThat(r.code()).isEqualTo("protected_mode"));
        }
    }

    @Test
    void aDnsRebindingHostNameIsNotTrustedEvenFromLoopback() {
        AccessPolicy policy = policy(SecurityProperties.Mode.PROTECTED, null);
        assertThat(policy.decide(host("evil.example:8080"), LOOPBACK, null)).isInstanceOf(AccessPolicy.Refused.class);
        assertThat(policy.decide(host("127.0.0.1.evil.example"), LOOPBACK, null)).isInstanceOf(AccessPolicy.Refused.class);
        for (String local : List.of("localhost", "LOCALHOST:80", "127.0.0.1:8080", "[::1]:8080", "127.1.2.3",
                "app.localhost:3000")) {
            assertThat(policy.decide(host(local), LOOPBACK, null)).as(local).isInstanceOf(AccessPolicy.Allowed.class);
        }
        assertThat(policy(SecurityProperties.Mode.PROTECTED, null, List.of("tickhub.internal"))
                .decide(host("tickhub.internal:8080"), LOOPBACK, null)).isInstanceOf(AccessPolicy.Allowed.class);
    }

    @Test
    void requiredModeAsksLoopbackForACredentialToo() {
        var decision = policy(SecurityProperties.Mode.REQUIRED, ADMIN_KEY).decide(host("localhost"), LOOPBACK, null);
        assertThat(decision).isInstanceOfSatisfying(AccessPolicy.Refused.class,
                r -> assertThat(r.code()).isEqualTo("not_authenticated"));
    }

    @Test
    void openModeServesAnyAddressWithTheAnonymousScopesOnly() {
        var decision = policy(SecurityProperties.Mode.OPEN, null).decide(host("hub"), REMOTE, null);
        assertThat(decision).isInstanceOfSatisfying(AccessPolicy.Allowed.class, allowed -> {
            assertThat(allowed.grant().kind()).isEqualTo(Grant.Kind.ANONYMOUS);
            assertThat(allowed.grant().scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.STREAM);
        });
    }

    @Test
    void theBootstrapKeyWorksAsBearerAsXApiKeyAndAsQueryToken() {
        AccessPolicy policy = policy(SecurityProperties.Mode.REQUIRED, ADMIN_KEY);
        HttpHeaders bearer = host("hub");
        bearer.setBearerAuth(ADMIN_KEY);
        HttpHeaders apiKey = host("hub");
        apiKey.set("X-API-Key", ADMIN_KEY);
        for (var decision : List.of(policy.decide(bearer, REMOTE, null), policy.decide(apiKey, REMOTE, null),
                policy.decide(host("hub"), REMOTE, ADMIN_KEY))) {
            assertThat(decision).isInstanceOfSatisfying(AccessPolicy.Allowed.class, allowed -> {
                assertThat(allowed.grant().kind()).isEqualTo(Grant.Kind.BOOTSTRAP);
                assertThat(allowed.grant().scopes()).containsExactlyInAnyOrderElementsOf(Scope.ALL);
            });
        }
    }

    @Test
    void aWrongCredentialIsRefusedEvenFromLoopback() {
        AccessPolicy policy = policy(SecurityProperties.Mode.PROTECTED, ADMIN_KEY);
        HttpHeaders headers = host("localhost");
        headers.setBearerAuth(ADMIN_KEY + "x");
        assertThat(policy.decide(headers, LOOPBACK, null)).isInstanceOfSatisfying(AccessPolicy.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(r.code()).isEqualTo("auth_failed");
        });
        HttpHeaders basic = host("localhost");
        basic.setBasicAuth("user", "password");
        assertThat(policy.decide(basic, LOOPBACK, null)).isInstanceOfSatisfying(AccessPolicy.Refused.class,
                r -> assertThat(r.message()).contains("Bearer"));
    }

    @Test
    void aRevokedKeyIsRefusedAsUnknown() {
        AccessPolicy policy = policy(SecurityProperties.Mode.REQUIRED, null);
        ApiKeyStore.Created created = keys.create("gone", java.util.Set.of(Scope.READ), ApiKey.LimitOverrides.NONE);
        keys.revoke(created.key().id());
        HttpHeaders headers = host("hub");
        headers.setBearerAuth(created.token());
        assertThat(policy.decide(headers, REMOTE, null)).isInstanceOfSatisfying(AccessPolicy.Refused.class,
                r -> assertThat(r.code()).isEqualTo("auth_failed"));
    }

    @Test
    void aKeyWithTheRightIdAndAWrongSecretIsRefused() {
        AccessPolicy policy = policy(SecurityProperties.Mode.REQUIRED, null);
        ApiKeyStore.Created created = keys.create("ci", java.util.Set.of(Scope.READ), ApiKey.LimitOverrides.NONE);
        String token = created.token();
        String forged = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        HttpHeaders headers = host("hub");
        headers.setBearerAuth(forged);
        assertThat(policy.decide(headers, REMOTE, null)).isInstanceOf(AccessPolicy.Refused.class);
    }

    @Test
    void aKeysOwnLimitsOverrideTheDefaults() {
        AccessPolicy policy = policy(SecurityProperties.Mode.REQUIRED, null);
        ApiKeyStore.Created created = keys.create("small", java.util.Set.of(Scope.STREAM),
                new ApiKey.LimitOverrides(2, null, 5, null, null));
        HttpHeaders headers = host("hub");
        headers.setBearerAuth(created.token());
        Grant grant = ((AccessPolicy.Allowed) policy.decide(headers, REMOTE, null)).grant();
        assertThat(grant.limits()).isEqualTo(new AccessLimits(2, LIMITS.subscriptions(), 5, LIMITS.pollsPerMinute(),
                LIMITS.upstreamSymbols()));
    }
}
