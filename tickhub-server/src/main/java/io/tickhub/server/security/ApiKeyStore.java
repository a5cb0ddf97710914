package io.tickhub.server.security;

import io.tickhub.core.access.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The API keys, in the store's database ({@code api_keys}), so that every gateway of a cluster
 * knows the same keys. Requests are checked against an in-memory copy, never the database: an
 * attacker's made-up keys cost a map lookup. The copy is re-read every
 * {@code tickhub.security.keys.refresh-interval} (by {@link #refresh()}); a key revoked on another
 * gateway is seen, and its live connections closed, within that interval; on this gateway at once.
 */
public final class ApiKeyStore {

    private static final String COLUMNS = "id, name, secret_sha256, scopes, max_connections, max_subscriptions, "
            + "requests_per_second, polls_per_minute, upstream_symbols, created_at, revoked_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ApiKeyCodec codec;
    private final Consumer<String> onRevoked;
    private volatile Map<String, ApiKey> byId = Map.of();

    /** @param onRevoked called with the subject of each key found revoked (or deleted) since the last read */
    public ApiKeyStore(DataSource dataSource, Clock clock, ApiKeyCodec codec, Consumer<String> onRevoked) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.codec = codec;
        this.onRevoked = onRevoked;
    }

    /** A new key and the one-time token for it. */
    public record Created(ApiKey key, String token) {
    }

    public Created create(String name, Set<Scope> scopes, ApiKey.LimitOverrides limits) {
        ApiKeyCodec.Issued issued = codec.issue();
        Instant now = clock.instant();
        ApiKey key = new ApiKey(issued.id(), name, scopes, limits, now, null, issued.secretHash());
        jdbc.update("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                key.id(), key.name(), key.secretHash(), wire(scopes), limits.connections(), limits.subscriptions(),
                limits.requestsPerSecond(), limits.pollsPerMinute(), limits.upstreamSymbols(), time(now), null);
        refresh();
        return new Created(key, issued.token());
    }

    /** Every key, revoked ones included, oldest first. */
    public List<ApiKey> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id", ApiKeyStore::row);
    }

    /**
     * Revokes the key; its live connections on this hub are closed before this returns.
     *
     * @return the key as revoked, or empty if there is no such key
     */
    public Optional<ApiKey> revoke(String id) {
        jdbc.update("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", time(clock.instant()), id);
        refresh();
        return jdbc.query("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", ApiKeyStore::row, id).stream().findFirst();
    }

    /** The valid key with this id, from the in-memory copy. */
    public Optional<ApiKey> active(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Valid keys, as of the last read. */
    public int activeCount() {
        return byId.size();
    }

    /**
     * Re-reads the valid keys; keys that were valid and are no longer are reported to the revocation
     * callback. Called on a schedule and after every change made here.
     */
    public synchronized void refresh() {
        Map<String, ApiKey> fresh = jdbc.query("SELECT " + COLUMNS + " FROM api_keys WHERE revoked_at IS NULL",
                ApiKeyStore::row).stream().collect(Collectors.toUnmodifiableMap(ApiKey::id, Function.identity()));
        Map<String, ApiKey> before = byId;
        byId = fresh;
        before.keySet().stream().filter(id -> !fresh.containsKey(id)).sorted(Comparator.naturalOrder())
                .forEach(id -> onRevoked.accept(ApiKey.subjectOf(id)));
    }

    private static ApiKey row(ResultSet rs, int rowNum) throws SQLException {
        Set<Scope> scopes = Scope.parseAll(List.of(rs.getString("scopes").split(",")));
        ApiKey.LimitOverrides limits = new ApiKey.LimitOverrides(integer(rs, "max_connections"),
                integer(rs, "max_subscriptions"), integer(rs, "requests_per_second"), integer(rs, "polls_per_minute"),
                integer(rs, "upstream_symbols"));
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new ApiKey(rs.getString("id"), rs.getString("name"), scopes, limits,
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                revoked == null ? null : revoked.toInstant(), rs.getString("secret_sha256"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static String wire(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wire).collect(Collectors.joining(","));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
