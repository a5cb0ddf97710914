package io.tickhub.server.security;

import io.tickhub.core.access.Scope;
import java.time.Instant;
import java.util.Set;

/**
 * A stored API key: never its secret, only the secret's hash.
 *
 * @param limits    the key's own limits; null fields take {@code tickhub.security.limits.key.*}
 * @param revokedAt when it was revoked; null while it is valid
 */
public record ApiKey(String id, String name, Set<Scope> scopes, LimitOverrides limits, Instant createdAt,
                     Instant revokedAt, String secretHash) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public String subject() {
        return subjectOf(id);
    }

    public static String subjectOf(String id) {
        return "key:" + id;
    }

    /** A key's own limits, each null where the default holds. */
    public record LimitOverrides(Integer connections, Integer subscriptions, Integer requestsPerSecond,
                                 Integer pollsPerMinute, Integer upstreamSymbols) {
        public static final LimitOverrides NONE = new LimitOverrides(null, null, null, null, null);

        public io.tickhub.core.access.AccessLimits over(io.tickhub.core.access.AccessLimits defaults) {
            return new io.tickhub.core.access.AccessLimits(
                    connections != null ? connections : defaults.connections(),
                    subscriptions != null ? subscriptions : defaults.subscriptions(),
                    requestsPerSecond != null ? requestsPerSecond : defaults.requestsPerSecond(),
                    pollsPerMinute != null ? pollsPerMinute : defaults.pollsPerMinute(),
                    upstreamSymbols != null ? upstreamSymbols : defaults.upstreamSymbols());
        }
    }
}
