package io.tickhub.core.fanout;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The hub's subscriptions over every connection and channel ({@code *} one per channel), and the
 * most it takes ({@code tickhub.stream.max-hub-subscriptions}). The fan-outs count each
 * subscription as it is made and released ({@link Connection#subscriptionAdded}), so the total is
 * exact whichever way a connection ends; sessions ask {@link #hasRoom} before each new one.
 * Thread-safe: every event loop subscribes.
 */
public final class SubscriptionBudget {

    /** For hubs and tests that set no limit. */
    public static SubscriptionBudget unlimited() {
        return new SubscriptionBudget(Long.MAX_VALUE);
    }

    private final long max;
    private final AtomicLong total = new AtomicLong();

    public SubscriptionBudget(long max) {
        if (max < 1) {
            throw new IllegalArgumentException("max-hub-subscriptions must be >= 1, was " + max);
        }
        this.max = max;
    }

    /**
     * Whether one more subscription fits. Checked before each one, not reserved: sessions on
     * different event loops subscribing at the same instant may pass the limit by one each.
     */
    public boolean hasRoom() {
        return total.get() < max;
    }

    public long max() {
        return max;
    }

    /** Subscriptions held now over every connection. */
    public long total() {
        return total.get();
    }

    void added() {
        total.incrementAndGet();
    }

    void removed() {
        total.decrementAndGet();
    }
}
