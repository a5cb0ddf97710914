package io.tickhub.core.fanout;

import io.tickhub.core.book.Book;
import io.tickhub.core.failover.SymbolFreshness;
import io.tickhub.core.quote.Quote;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells stream clients when a symbol they follow goes stale ({@link SymbolFreshness}): one
 * {@code stale} message per symbol and silence, at the check that first finds it stale. A symbol
 * stays announced until its next update (a higher seq) makes it fresh; going stale again is a new
 * announcement. One thread only (a timer).
 */
public final class StaleAnnouncements {

    private final SymbolFreshness freshness;
    private final Book book;
    private final FanOut fanOut;
    /** Symbol → the seq it was announced stale at. */
    private final Map<String, Long> announced = new HashMap<>();

    public StaleAnnouncements(SymbolFreshness freshness, Book book, FanOut fanOut) {
        this.freshness = freshness;
        this.book = book;
        this.fanOut = fanOut;
    }

    /** @return the symbols announced stale by this check */
    public List<String> check() {
        List<String> stale = freshness.staleSymbols();
        announced.keySet().retainAll(stale);
        List<String> newly = new ArrayList<>();
        for (String symbol : stale) {
            Quote latest = book.latest(symbol).orElse(null);
            if (latest == null) {
                continue;
            }
            Long at = announced.get(symbol);
            if (at == null || at != latest.seq()) {
                announced.put(symbol, latest.seq());
                fanOut.announceStale(latest);
                newly.add(symbol);
            }
        }
        return newly;
    }
}
