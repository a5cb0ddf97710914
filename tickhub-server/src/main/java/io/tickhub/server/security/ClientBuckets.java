package io.tickhub.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.tickhub.core.retry.ClockTimeMeter;
import java.time.Clock;
import java.time.Duration;

/**
 * Token buckets (Bucket4j) per client, one per (client, quota), in a bounded map (Caffeine), so a
 * flood of distinct addresses or subjects cannot grow the heap: past {@code maxClients} the least
 * useful buckets are dropped (Caffeine's W-TinyLFU keeps the busy ones). A bucket untouched for
 * as long as its quota takes to fill is dropped too: it would be full again, the same as a new one,
 * so forgetting it changes nothing. Time, for both the buckets and the forgetting, is the injected
 * {@link Clock}. Thread-safe: Bucket4j's buckets are lock-free.
 */
public final class ClientBuckets {

    /** What one charge did: taken or not, what is left, and when there will be more. */
    public record Charge(boolean taken, Quota quota, long remaining, long nanosToNextToken) {

        /** Seconds until the bucket is full again (the {@code RateLimit-Reset} of a token bucket). */
        public long secondsToFull() {
            return ceilSeconds(quota.nanosFor(quota.capacity() - remaining));
        }

        /** Seconds until one more token, at least 1 (the {@code Retry-After} of a refusal). */
        public long secondsToRetry() {
            return Math.max(1, ceilSeconds(nanosToNextToken));
        }

        private static long ceilSeconds(long nanos) {
            return nanos <= 0 ? 0 : (nanos - 1) / 1_000_000_000L + 1;
        }
    }

    private record Key(String client, Quota quota) {
    }

    private final Cache<Key, Bucket> buckets;
    private final ClockTimeMeter time;

    /**
     * @param forgetAfter at least the longest {@link Quota#toFill()} of the quotas charged here
     */
    public ClientBuckets(Clock clock, long maxClients, Duration forgetAfter) {
        this.time = new ClockTimeMeter(clock);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(forgetAfter)
                .ticker(time::currentTimeNanos)
                .executor(Runnable::run)
                .build();
    }

    /** Takes one token from {@code client}'s bucket of this quota. */
    public Charge charge(String client, Quota quota) {
        ConsumptionProbe probe = bucket(client, quota).tryConsumeAndReturnRemaining(1);
        return new Charge(probe.isConsumed(), quota, probe.getRemainingTokens(), probe.getNanosToWaitForRefill());
    }

    /** Gives back a token taken by {@link #charge} (never past the capacity). */
    public void refund(String client, Quota quota) {
        Bucket bucket = buckets.getIfPresent(new Key(client, quota));
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    /** Buckets held now (after pending evictions), for tests and a gauge. */
    public long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket bucket(String client, Quota quota) {
        return buckets.get(new Key(client, quota), key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(quota.capacity())
                        .refillGreedy(quota.refill(), quota.period()).build())
                .withCustomTimePrecision(time)
                .build());
    }
}
