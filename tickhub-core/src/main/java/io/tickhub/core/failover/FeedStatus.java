package io.tickhub.core.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which provider serves a symbol and whether its data is stale, as of the last check. Immutable.
 *
 * @param symbol    normalised symbol
 * @param preferred the highest-priority provider expected to feed it
 * @param serving   the provider whose updates the hub takes now: the first fresh one in priority
 *                  order; the preferred one when none is fresh
 * @param stale     true when no feed of the symbol is fresh
 * @param since     when {@code serving} or {@code stale} last changed
 * @param feeds     every expected feed, in priority order
 */
public record FeedStatus(String symbol, String preferred, String serving, boolean stale, Instant since,
                         List<Feed> feeds) {

    public FeedStatus {
        feeds = List.copyOf(feeds);
    }

    /** Served by a provider other than the preferred one. */
    public boolean failedOver() {
        return !serving.equals(preferred);
    }

    /**
     * One provider feeding one symbol.
     *
     * @param provider  provider name
     * @param interval  how often it is expected to deliver (its polling interval)
     * @param lastHeard its last successful observation, or null
     * @param fresh     heard within k times its interval
     */
    public record Feed(String provider, Duration interval, Instant lastHeard, boolean fresh) {
    }
}
