package io.tickhub.core.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Who a request or connection acts as, what it may do, until when, and within which limits.
 * Immutable, so it crosses threads (event loops, the bus) freely.
 *
 * @param subject   stable name of the credential: {@code key:<id>}, {@code jwt:<sub>},
 *                  {@code admin-bootstrap}, {@code local}, {@code anonymous}; limits and audit
 *                  lines are kept per subject
 * @param expiresAt when the credential stops being valid (a JWT's {@code exp}); null: never
 */
public record Grant(String subject, Kind kind, Set<Scope> scopes, Instant expiresAt, AccessLimits limits) {

    /** Where the grant came from. */
    public enum Kind {
        /** An API key the hub issued. */
        KEY,
        /** A JSON Web Token signed by a configured issuer. */
        JWT,
        /** The bootstrap admin key from the environment. */
        BOOTSTRAP,
        /** No credential, from this machine in protected mode. */
        LOCAL,
        /** No credential, in open mode. */
        ANONYMOUS
    }

    public Grant {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(limits, "limits");
        scopes = Set.copyOf(scopes);
    }

    public boolean allows(Scope scope) {
        return scopes.contains(scope);
    }

    /** Whether a credential was presented (limits of credential-less grants are kept per address). */
    public boolean credentialed() {
        return kind == Kind.KEY || kind == Kind.JWT || kind == Kind.BOOTSTRAP;
    }

    /** True once {@code now} has reached the expiry. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
