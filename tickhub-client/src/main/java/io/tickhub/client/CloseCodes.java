package io.tickhub.client;

/**
 * Which endings are worth another attempt. Final ones stop the client ({@code CLOSED}) instead
 * of looping on a refusal that a retry would only repeat; the list is docs/protocol.md's "Close
 * codes" and docs/security.md's "Streams".
 */
public final class CloseCodes {

    private CloseCodes() {
    }

    /**
     * True when a WebSocket close with {@code code} is retried: 1000/1001 (the hub closed or is
     * shutting down; reconnect, resume), 1006 (no close frame: a crash, a reset), 1011-1014
     * (server trouble, restart, try again), 4008 (slow consumer: resume after it). Final:
     * 4001/4002/4003 (authentication timed out, token expired, key revoked or no {@code stream}
     * scope), 4004 (unknown ticker), 4006 (the key holds its connections), 4029 (rate limited),
     * 1002/1007/1008/1009 (the client broke the protocol or a limit), and every other code.
     */
    public static boolean retryable(int code) {
        return switch (code) {
            case 1000, 1001, 1006, 1011, 1012, 1013, 1014, 4008 -> true;
            default -> false;
        };
    }

    /**
     * True when an upgrade refused with HTTP {@code status} is retried: 408, 425, 429 (too many
     * connections or requests; honour {@code Retry-After}) and every 5xx. Final: 401 (no or a bad
     * credential), 403 (no {@code stream} scope, protected mode), 404 and the other 4xx.
     */
    public static boolean retryableStatus(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }
}
