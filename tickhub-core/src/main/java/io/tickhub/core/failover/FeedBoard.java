package io.tickhub.core.failover;

import io.tickhub.core.ingest.FeedGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Which providers feed each symbol, when each was last heard, and so which one serves it: the first
 * in priority order that is fresh (heard within k times its interval). The others are on standby:
 * the {@link FeedGate} drops their quotes until the one before them goes stale, and takes the
 * preferred one back as soon as it delivers again.
 *
 * <p>Thread-safe. Feeds are added and removed by jobs (rarely) as copy-on-write lists per symbol;
 * "last heard" times are atomics written by pollers and the sequencer; {@link #admit} runs on the
 * sequencer thread for every quote and takes no lock. {@link #check} runs on one scheduler thread
 * and publishes each symbol's {@link FeedStatus} for health, quotes and metrics.
 */
public final class FeedBoard implements FeedGate {

    /** A provider expected to feed a symbol; {@code refs} counts the jobs that expect it. */
    private record Feed(String provider, Duration interval, int rank, int refs, AtomicLong lastHeardMillis) {
        Feed with(Duration newInterval, int newRefs) {
            return new Feed(provider, newInterval, rank, newRefs, lastHeardMillis);
        }

        boolean freshAt(long nowMillis, int k) {
            long heard = lastHeardMillis.get();
            return heard > 0 && nowMillis - heard <= interval.toMillis() * k;
        }
    }

    private final FailoverPolicy policy;
    private final Clock clock;
    private final ConcurrentHashMap<String, List<Feed>> feeds = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, FeedStatus> published = new ConcurrentHashMap<>();
    private final LongAdder failovers = new LongAdder();
    private final Consumer<FeedStatus> onChange;

    /** @param onChange told (on the checking thread) each time a symbol's serving provider or staleness changes */
    public FeedBoard(FailoverPolicy policy, Clock clock, Consumer<FeedStatus> onChange) {
        this.policy = policy;
        this.clock = clock;
        this.onChange = onChange;
    }

    /**
     * {@code provider} is expected to deliver {@code symbol} about every {@code interval}. Expecting a
     * feed twice (two jobs) keeps the shorter interval and needs two {@link #unexpect}s to remove it.
     */
    public void expect(String symbol, String provider, Duration interval) {
        feeds.compute(symbol, (s, current) -> {
            List<Feed> next = new ArrayList<>(current == null ? List.of() : current);
            int i = indexOf(next, provider);
            if (i >= 0) {
                Feed f = next.get(i);
                next.set(i, f.with(f.interval().compareTo(interval) <= 0 ? f.interval() : interval, f.refs() + 1));
            } else {
                next.add(new Feed(provider, interval, policy.rank(s, provider), 1, new AtomicLong()));
                next.sort(Comparator.comparingInt(Feed::rank).thenComparing(Feed::provider));
            }
            return List.copyOf(next);
        });
    }

    /** One expectation of the feed fewer; the last one removes it (and the symbol, when it had no other). */
    public void unexpect(String symbol, String provider) {
        feeds.computeIfPresent(symbol, (s, current) -> {
            List<Feed> next = new ArrayList<>(current);
            int i = indexOf(next, provider);
            if (i < 0) {
                return current;
            }
            Feed f = next.get(i);
            if (f.refs() > 1) {
                next.set(i, f.with(f.interval(), f.refs() - 1));
            } else {
                next.remove(i);
            }
            return next.isEmpty() ? null : List.copyOf(next);
        });
        if (!feeds.containsKey(symbol)) {
            published.remove(symbol);
        }
    }

    /** {@code provider} delivered an observation of {@code symbol} just now (a changed price or not). */
    public void heard(String symbol, String provider) {
        List<Feed> list = feeds.get(symbol);
        if (list != null) {
            Feed f = find(list, provider);
            if (f != null) {
                f.lastHeardMillis().accumulateAndGet(clock.millis(), Math::max);
            }
        }
    }

    /**
     * Sequencer thread. Records that {@code provider} was heard, and takes its quote when it serves the
     * symbol. Symbols no job expects, and providers not expected for a symbol (a one-off poll), are
     * always taken.
     */
    @Override
    public boolean admit(String symbol, String provider) {
        List<Feed> list = feeds.get(symbol);
        if (list == null) {
            return true;
        }
        Feed mine = find(list, provider);
        if (mine == null) {
            return true;
        }
        long now = clock.millis();
        mine.lastHeardMillis().accumulateAndGet(now, Math::max);
        return serving(list, now) == mine;
    }

    /**
     * Recomputes every symbol's status at the clock's now, publishes it, and tells {@code onChange}
     * of each symbol whose serving provider or staleness changed. One thread only.
     */
    public void check() {
        long now = clock.millis();
        Instant at = Instant.ofEpochMilli(now);
        feeds.forEach((symbol, list) -> {
            FeedStatus next = statusOf(symbol, list, now, at);
            FeedStatus prev = published.get(symbol);
            if (prev != null && prev.serving().equals(next.serving()) && prev.stale() == next.stale()) {
                published.put(symbol, new FeedStatus(symbol, next.preferred(), next.serving(), next.stale(),
                        prev.since(), next.feeds()));
                return;
            }
            published.put(symbol, next);
            boolean servingChanged = prev == null ? next.failedOver() : !prev.serving().equals(next.serving());
            if (servingChanged && next.failedOver()) {
                failovers.increment();
            }
            // A symbol's first status is news only when it is already degraded.
            if (prev != null || next.failedOver() || next.stale()) {
                onChange.accept(next);
            }
        });
    }

    /** The symbol's status as of the last {@link #check}, when any job expects it. */
    public Optional<FeedStatus> status(String symbol) {
        return Optional.ofNullable(published.get(symbol));
    }

    /** Every expected symbol's status as of the last check, by symbol. */
    public List<FeedStatus> statuses() {
        return published.values().stream().sorted(Comparator.comparing(FeedStatus::symbol)).toList();
    }

    /** Symbols with no fresh feed, as of the last check. */
    public int staleCount() {
        return (int) published.values().stream().filter(FeedStatus::stale).count();
    }

    /** Symbols served by a provider other than their preferred one, as of the last check. */
    public int failedOverCount() {
        return (int) published.values().stream().filter(FeedStatus::failedOver).count();
    }

    /** Times a symbol moved to a provider other than its preferred one. */
    public long failoverCount() {
        return failovers.sum();
    }

    private FeedStatus statusOf(String symbol, List<Feed> list, long now, Instant at) {
        Feed serving = serving(list, now);
        boolean stale = serving == null;
        List<FeedStatus.Feed> views = list.stream().map(f -> {
            long heard = f.lastHeardMillis().get();
            return new FeedStatus.Feed(f.provider(), f.interval(), heard == 0 ? null : Instant.ofEpochMilli(heard),
                    f.freshAt(now, policy.staleAfterIntervals()));
        }).toList();
        String preferred = list.get(0).provider();
        return new FeedStatus(symbol, preferred, stale ? preferred : serving.provider(), stale, at, views);
    }

    /** The first fresh feed in priority order, or null when none is. */
    private Feed serving(List<Feed> list, long now) {
        for (Feed f : list) {
            if (f.freshAt(now, policy.staleAfterIntervals())) {
                return f;
            }
        }
        return null;
    }

    private static Feed find(List<Feed> list, String provider) {
        for (Feed f : list) {
            if (f.provider().equals(provider)) {
                return f;
            }
        }
        return null;
    }

    private static int indexOf(List<Feed> list, String provider) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).provider().equals(provider)) {
                return i;
            }
        }
        return -1;
    }
}
