package io.tickhub.core.fanout;

import io.tickhub.core.access.Grant;
import io.tickhub.core.access.Scope;
import java.time.Instant;
import java.util.List;

/** The native protocol's frames about authentication (docs/protocol.md, "Authentication"). */
public final class AccessMessages {

    /** Error codes (the connection stays). */
    public static final String NOT_AUTHENTICATED = "not_authenticated";
    public static final String AUTH_FAILED = "auth_failed";
    public static final String TOKEN_EXPIRED = "token_expired";
    public static final String KEY_SUBSCRIPTIONS = "key_subscriptions";
    public static final String UPSTREAM_LIMIT = "upstream_limit";

    private AccessMessages() {
    }

    /** {@code {"type":"auth","status":"ok","subject":...,"scopes":[...],"expires_at":...}} */
    public static byte[] authenticated(Grant grant) {
        StringBuilder out = new StringBuilder(128);
        out.append("{\"type\":\"auth\",\"status\":\"ok\"");
        Json.field(out, "subject");
        Json.string(out, grant.subject());
        Json.field(out, "scopes").append('[');
        boolean first = true;
        for (Scope scope : Scope.values()) {
            if (grant.allows(scope)) {
                if (!first) {
                    out.append(',');
                }
                Json.string(out, scope.wire());
                first = false;
            }
        }
        out.append(']');
        expiresAt(out, grant.expiresAt());
        out.append('}');
        return Json.utf8(out);
    }

    /** {@code {"type":"auth","status":"expiring","expires_at":...}}: send {@code auth} with a fresh token before then. */
    public static byte[] expiring(Instant expiresAt) {
        StringBuilder out = new StringBuilder(80);
        out.append("{\"type\":\"auth\",\"status\":\"expiring\"");
        expiresAt(out, expiresAt);
        out.append('}');
        return Json.utf8(out);
    }

    /**
     * Tells the client that {@code symbols} were not subscribed because its key (or address) holds
     * its maximum of upstream symbols, and counts them in
     * {@code tickhub.limits.refused{limit=upstream_symbols_per_key}}. Nothing when the list is empty.
     */
    static void refusedForSubject(Connection connection, List<String> symbols) {
        if (symbols.isEmpty()) {
            return;
        }
        ConnectionGrant access = connection.access();
        int max = access == null || access.limits() == null ? 0 : access.limits().upstreamSymbols();
        connection.metrics().refused("upstream_symbols_per_key", symbols.size());
        connection.send(NativeMessages.error(UPSTREAM_LIMIT, "Not subscribed: this key (or, without one, this "
                + "address) holds its maximum of " + max + " symbols streamed from upstream. Unsubscribe some first: "
                + String.join(", ", symbols), symbols));
    }

    private static void expiresAt(StringBuilder out, Instant expiresAt) {
        Json.field(out, "expires_at");
        if (expiresAt == null) {
            out.append("null");
        } else {
            Json.string(out, expiresAt.toString());
        }
    }
}
