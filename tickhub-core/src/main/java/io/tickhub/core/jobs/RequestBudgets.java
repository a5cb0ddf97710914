package io.tickhub.core.jobs;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each provider's own request budget (Alpha Vantage's free tier allows 5 calls a minute), kept by a
 * Resilience4j rate limiter so the hub never spends a call the upstream would refuse. Thread-safe;
 * a denied request does not wait: the poll is deferred instead, so no poller thread is held.
 */
public final class RequestBudgets {

    /** {@code permits} requests per {@code period}. */
    public record Budget(int permits, Duration period) {
        public Budget {
            if (permits < 1) {
                throw new IllegalArgumentException("a request budget needs at least 1 permit, was " + permits);
            }
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a request budget's period must be > 0, was " + period);
            }
        }
    }

    /** A budget as health shows it: its size and what is left of it now. */
    public record State(int permits, Duration period, int available) {
    }

    public static final RequestBudgets NONE = new RequestBudgets(Map.of());

    private final Map<String, RateLimiter> limiters = new HashMap<>();
    private final Map<String, Budget> budgets;

    public RequestBudgets(Map<String, Budget> budgets) {
        this.budgets = Map.copyOf(budgets);
        budgets.forEach((provider, b) -> limiters.put(provider, RateLimiter.of(provider, RateLimiterConfig.custom()
                .limitForPeriod(b.permits())
                .limitRefreshPeriod(b.period())
                .timeoutDuration(Duration.ZERO)
                .build())));
    }

    /** Takes one request from the provider's budget; false (and nothing taken) when it is spent. */
    public boolean tryAcquire(String provider) {
        RateLimiter limiter = limiters.get(provider);
        return limiter == null || limiter.acquirePermission();
    }

    /** How long until the provider's budget has a request again (zero when it has one now). */
    public Duration untilAvailable(String provider) {
        RateLimiter limiter = limiters.get(provider);
        if (limiter == null || limiter.getMetrics().getAvailablePermissions() > 0) {
            return Duration.ZERO;
        }
        // The default limiter is atomic and knows the wait to its next refresh; any other waits a period.
        if (limiter.getMetrics() instanceof AtomicRateLimiter.AtomicRateLimiterMetrics atomic
                && atomic.getNanosToWait() > 0) {
            return Duration.ofNanos(atomic.getNanosToWait());
        }
        return budgets.get(provider).period();
    }

    public Optional<State> state(String provider) {
        Budget b = budgets.get(provider);
        if (b == null) {
            return Optional.empty();
        }
        int available = Math.max(0, limiters.get(provider).getMetrics().getAvailablePermissions());
        return Optional.of(new State(b.permits(), b.period(), available));
    }
}
