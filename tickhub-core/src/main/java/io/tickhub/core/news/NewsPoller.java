package io.tickhub.core.news;

import io.github.resilience4j.core.IntervalFunction;
import io.tickhub.core.retry.Backoff;
import io.tickhub.core.provider.NewsSource;
import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.provider.ProviderStatusBoard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Polls a {@link NewsSource} for company news about a list of symbols on an interval and publishes
 * what it has not published before to the {@link NewsWire} (which feeds {@code /ws/news}, the native
 * {@code news} channel and the store). Each poll asks for the last few days, so items already seen
 * are remembered by id (the most recent {@value #REMEMBERED}) and not sent again.
 *
 * <p>Thread-safe: {@link #tick} is called by one scheduler thread; a round of polls runs on
 * {@code fetches}, at most one at a time.
 */
public final class NewsPoller {

    static final int REMEMBERED = 10_000;

    private final NewsSource source;
    private final String statusName;
    private final List<String> symbols;
    private final Duration interval;
    private final int lookbackDays;
    private final NewsWire wire;
    private final ProviderStatusBoard status;
    private final Clock clock;
    private final ZoneId zone;
    private final Executor fetches;
    private final IntervalFunction backoff;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private volatile Instant nextDue = Instant.MIN;
    private int failures; // the round's thread only; rounds never overlap

    /**
     * @param lookbackDays days of news each poll asks for (today and the days before)
     * @param zone         whose calendar days the source's {@code from}/{@code to} dates are (the exchange's)
     */
    public NewsPoller(NewsSource source, List<String> symbols, Duration interval, int lookbackDays, NewsWire wire,
                      ProviderStatusBoard status, Clock clock, ZoneId zone, Executor fetches) {
        this.source = source;
        this.statusName = source.name() + "_news";
        this.symbols = List.copyOf(symbols);
        this.interval = interval;
        this.lookbackDays = lookbackDays;
        this.wire = wire;
        this.status = status;
        this.clock = clock;
        this.zone = zone;
        this.fetches = fetches;
        this.backoff = Backoff.doubling(interval, Duration.ofMinutes(30));
        status.starting(statusName);
    }

    /** The name it reports under on the status board ({@code finnhub_news}). */
    public String statusName() {
        return statusName;
    }

    /** Starts a round of polls when one is due and none is under way. */
    public void tick() {
        if (clock.instant().isBefore(nextDue) || !inFlight.compareAndSet(false, true)) {
            return;
        }
        fetches.execute(() -> {
            try {
                round();
            } finally {
                inFlight.set(false);
            }
        });
    }

    private void round() {
        Instant started = clock.instant();
        LocalDate to = LocalDate.ofInstant(started, zone);
        LocalDate from = to.minusDays(lookbackDays - 1L);
        int published = 0;
        String error = null;
        for (String symbol : symbols) {
            try {
                List<NewsItem> items = source.news(symbol, from, to);
                published += publishNew(items);
            } catch (ProviderException e) {
                error = symbol + ": " + e.getMessage(); // one symbol failing does not stop the others
            } catch (RuntimeException e) {
                error = symbol + ": " + e;
            }
        }
        if (error == null) {
            failures = 0;
            status.succeeded(statusName, published);
            nextDue = started.plus(interval);
        } else {
            failures++;
            status.failed(statusName, error);
            nextDue = clock.instant().plusMillis(backoff.apply(failures));
        }
    }

    /** Publishes the items not seen before, oldest first, so clients see them in the order they happened. */
    private int publishNew(List<NewsItem> items) {
        int n = 0;
        for (NewsItem item : items.stream().sorted(Comparator.comparing(NewsItem::published)).toList()) {
            boolean isNew;
            synchronized (seen) {
                isNew = seen.putIfAbsent(item.id(), Boolean.TRUE) == null;
            }
            if (isNew && wire.publish(item)) {
                n++;
            }
        }
        return n;
    }
}
