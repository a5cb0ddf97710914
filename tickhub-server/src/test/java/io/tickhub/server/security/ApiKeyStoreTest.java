package io.tickhub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.access.Scope;
import io.tickhub.core.testing.ManualClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two gateways on one database, as in a cluster: what one does to a key, the other sees at its
 * next re-read, and a key revoked elsewhere closes this gateway's live connections of that key.
 */
class ApiKeyStoreTest {

    final ManualClock clock = new ManualClock();
    JdbcDataSource database;

    @BeforeEach
    void database() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:keys-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).locations("classpath:db/migration/h2").load().migrate();
    }

    ApiKeyStore gateway(List<String> revokedSubjects) {
        ApiKeyStore store = new ApiKeyStore(database, clock, new ApiKeyCodec(new SecureRandom()), revokedSubjects::add);
        store.refresh();
        return store;
    }

    @Test
    void aKeyCreatedOnOneGatewayIsKnownToAnotherAfterItsNextReRead() {
        ApiKeyStore a = gateway(new ArrayList<>());
        ApiKeyStore b = gateway(new ArrayList<>());
        ApiKeyStore.Created created = a.create("ci", Set.of(Scope.READ), ApiKey.LimitOverrides.NONE);
        assertThat(a.active(created.key().id())).isPresent();
        assertThat(b.active(created.key().id())).as("not before its re-read").isEmpty();
        b.refresh();
        assertThat(b.active(created.key().id())).isPresent();
    }

    @Test
    void aKeyRevokedOnAnotherGatewayClosesThisGatewaysConnectionsOfItAtTheNextReRead() {
        LiveGrants live = new LiveGrants();
        List<String> closed = new ArrayList<>();
        ApiKeyStore here = new ApiKeyStore(database, clock, new ApiKeyCodec(new SecureRandom()), live::revoke);
        ApiKeyStore elsewhere = gateway(new ArrayList<>());
        ApiKeyStore.Created doomed = elsewhere.create("doomed", Set.of(Scope.STREAM), ApiKey.LimitOverrides.NONE);
        ApiKeyStore.Created kept = elsewhere.create("kept", Set.of(Scope.STREAM), ApiKey.LimitOverrides.NONE);
        here.refresh();
        live.register(doomed.key().subject(), () -> closed.add("doomed-1"));
        live.register(doomed.key().subject(), () -> closed.add("doomed-2"));
        live.register(kept.key().subject(), () -> closed.add("kept"));

        clock.advance(Duration.ofMinutes(1));
        elsewhere.revoke(doomed.key().id());
        assertThat(closed).as("nothing before this gateway re-reads").isEmpty();
        here.refresh();
        assertThat(closed).containsExactlyInAnyOrder("doomed-1", "doomed-2");
        assertThat(here.active(doomed.key().id())).isEmpty();
        assertThat(here.active(kept.key().id())).isPresent();
        ApiKey revoked = here.list().stream().filter(k -> k.id().equals(doomed.key().id())).findFirst().orElseThrow();
        assertThat(revoked.revokedAt()).isEqualTo(clock.instant());
    }

    @Test
    void onlyTheSecretsHashIsStored() {
        ApiKeyStore store = gateway(new ArrayList<>());
        ApiKeyStore.Created created = store.create("ci", Set.of(Scope.READ), ApiKey.LimitOverrides.NONE);
        String secret = ApiKeyCodec.parse(created.token()).orElseThrow().secret();
        List<String> rows = new JdbcTemplate(database).queryForList("SELECT * FROM api_keys").stream()
                .map(Object::toString).toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).doesNotContain(secret).doesNotContain(created.token())
                .contains(ApiKeyCodec.sha256Hex(secret));
    }

    @Test
    void revokingTwiceIsHarmlessAndKeepsTheFirstTime() {
        ApiKeyStore store = gateway(new ArrayList<>());
        ApiKeyStore.Created created = store.create("ci", Set.of(Scope.READ), ApiKey.LimitOverrides.NONE);
        var first = store.revoke(created.key().id()).orElseThrow().revokedAt();
        clock.advance(Duration.ofHours(1));
        assertThat(store.revoke(created.key().id()).orElseThrow().revokedAt()).isEqualTo(first);
        assertThat(store.revoke("nosuchkey123")).isEmpty();
    }
}
