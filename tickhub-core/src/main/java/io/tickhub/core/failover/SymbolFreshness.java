package io.tickhub.core.failover;

import io.tickhub.core.book.Book;
import io.tickhub.core.quote.Quote;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether each symbol of the book is still fed. A symbol jobs feed is the {@link FeedBoard}'s to
 * judge (it knows each feed's interval); any other (simulated, replayed, streamed, or only restored
 * from the store after the settings changed) is stale once it has had no quote for
 * {@code staleAfter}, and is retired from the book after {@code retireAfter}: no longer listed or
 * served as live. Time is the injected clock against each latest quote's hub time.
 *
 * <p>Reads from any thread; {@link #retireSilent} from one (a timer).
 */
public final class SymbolFreshness {

    private final Book book;
    private final FeedBoard feeds;
    private final Clock clock;
    private final Duration staleAfter;
    private final Duration retireAfter;

    /** @param retireAfter {@link Duration#ZERO}: never retire */
    public SymbolFreshness(Book book, FeedBoard feeds, Clock clock, Duration staleAfter, Duration retireAfter) {
        if (!staleAfter.isPositive()) {
            throw new IllegalArgumentException("stale-after must be > 0, was " + staleAfter);
        }
        if (retireAfter.isNegative() || (!retireAfter.isZero() && retireAfter.compareTo(staleAfter) < 0)) {
            throw new IllegalArgumentException("retire-after must be 0 (never) or >= stale-after (" + staleAfter
                    + "), was " + retireAfter);
        }
        this.book = book;
        this.feeds = feeds;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.retireAfter = retireAfter;
    }

    public boolean stale(String symbol) {
        Optional<FeedStatus> fed = feeds.status(symbol);
        if (fed.isPresent()) {
            return fed.get().stale();
        }
        return book.latest(symbol).map(q -> silentSince(q, clock.instant().minus(staleAfter))).orElse(false);
    }

    /** Every stale symbol, sorted: jobs' symbols no feed delivered in time, and book symbols silent too long. */
    public List<String> staleSymbols() {
        TreeSet<String> stale = new TreeSet<>();
        feeds.statuses().stream().filter(FeedStatus::stale).map(FeedStatus::symbol).forEach(stale::add);
        Instant cutoff = clock.instant().minus(staleAfter);
        for (String symbol : book.symbols()) {
            if (feeds.status(symbol).isEmpty() && book.latest(symbol).map(q -> silentSince(q, cutoff)).orElse(false)) {
                stale.add(symbol);
            }
        }
        return List.copyOf(stale);
    }

    /**
     * Drops from the book every symbol no job feeds that has had no quote for {@code retireAfter}.
     * One thread only.
     *
     * @return the symbols retired
     */
    public List<String> retireSilent() {
        if (retireAfter.isZero()) {
            return List.of();
        }
        Instant cutoff = clock.instant().minus(retireAfter);
        List<String> retired = new ArrayList<>();
        for (String symbol : book.symbols()) {
            if (feeds.status(symbol).isPresent()) {
                continue; // a job still feeds it: stale at worst, never retired
            }
            book.latest(symbol).filter(q -> silentSince(q, cutoff))
                    .filter(q -> book.retire(symbol, q.seq()))
                    .ifPresent(q -> retired.add(symbol));
        }
        return retired;
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    public Duration retireAfter() {
        return retireAfter;
    }

    private static boolean silentSince(Quote latest, Instant cutoff) {
        return !latest.hubTime().isAfter(cutoff);
    }
}
