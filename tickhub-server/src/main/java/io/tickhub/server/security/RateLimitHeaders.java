package io.tickhub.server.security;

import org.springframework.http.HttpHeaders;

/**
 * The rate-limit fields of draft-ietf-httpapi-ratelimit-headers-06 (RateLimit-Limit,
 * RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy), as most clients and gateways read them,
 * for a token bucket: the limit is the bucket's capacity (the burst), the remaining what it holds,
 * the reset the seconds until it is full again, and the policy {@code <capacity>;w=<seconds to fill>}
 * (for requests at 100 a second: {@code 200;w=2}). Refusals add {@code Retry-After}: the seconds
 * until the next token.
 */
public final class RateLimitHeaders {

    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";
    public static final String POLICY = "RateLimit-Policy";

    private RateLimitHeaders() {
    }

    /** Sets (replaces) the fields for this charge; on a refusal also {@code Retry-After}. */
    public static void set(HttpHeaders headers, ClientBuckets.Charge charge) {
        Quota quota = charge.quota();
        headers.set(LIMIT, Long.toString(quota.capacity()));
        headers.set(REMAINING, Long.toString(charge.remaining()));
        headers.set(RESET, Long.toString(charge.secondsToFull()));
        headers.set(POLICY, quota.capacity() + ";w=" + quota.windowSeconds());
        if (!charge.taken()) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(charge.secondsToRetry()));
        }
    }
}
