package io.tickhub.core.access;

/**
 * Turns a presented token (an API key or a JWT) into a {@link Grant}, or says why not. Must not
 * block: it is called on event loops (a WebSocket {@code auth} message, an upgrade).
 */
public interface Credentials {

    Verdict verify(String token);

    /** The outcome of {@link #verify}. */
    sealed interface Verdict {
    }

    record Granted(Grant grant) implements Verdict {
    }

    /**
     * @param code stable: {@code auth_failed} (unknown, malformed, bad signature, wrong audience or
     *             issuer, not yet valid), {@code token_expired}, {@code key_revoked}
     */
    record Refused(String code, String message) implements Verdict {
        public static final String AUTH_FAILED = "auth_failed";
        public static final String TOKEN_EXPIRED = "token_expired";
        public static final String KEY_REVOKED = "key_revoked";
    }
}
