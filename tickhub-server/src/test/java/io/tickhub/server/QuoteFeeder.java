package io.tickhub.server;

import static org.awaitility.Awaitility.await;

import io.tickhub.core.book.Book;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.quote.Symbols;
import io.tickhub.core.testing.ManualClock;
import java.time.Duration;

/**
 * Feeds quotes through the real ingest pipeline (sequencer, bus, book) and waits until the book
 * has applied them, so a test can query the API right after.
 */
public final class QuoteFeeder {

    public static final String PROVIDER = "test";

    private final IngestPipeline ingest;
    private final Book book;
    private final ManualClock clock;

    QuoteFeeder(IngestPipeline ingest, Book book, ManualClock clock) {
        this.ingest = ingest;
        this.book = book;
        this.clock = clock;
    }

    /** Submits a last-price quote observed now, waits until it is in the book, returns it. */
    public Quote price(String symbol, double price) {
        return submit(new RawQuote(symbol, price, null, null, 0, PROVIDER, clock.instant()));
    }

    /** Advances the clock by one second, then submits {@code prices} one after the other. */
    public Quote prices(String symbol, double... prices) {
        Quote last = null;
        for (double price : prices) {
            clock.advance(Duration.ofSeconds(1));
            last = price(symbol, price);
        }
        return last;
    }

    /** {@code count} updates priced {@code firstPrice}, {@code firstPrice + 1}, ..., one second apart. */
    public Quote ramp(String symbol, int count, double firstPrice) {
        double[] prices = new double[count];
        for (int i = 0; i < count; i++) {
            prices[i] = firstPrice + i;
        }
        return prices(symbol, prices);
    }

    public Quote submit(RawQuote quote) {
        String symbol = Symbols.normalize(quote.symbol());
        long before = book.latest(symbol).map(Quote::seq).orElse(0L);
        ingest.submit(quote);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> book.latest(symbol).map(Quote::seq).orElse(0L) > before);
        return book.latest(symbol).orElseThrow();
    }

    /** Submits without waiting (for bursts); {@code volume} makes each one a distinct observation. */
    public void submitNoWait(String symbol, double price, double volume) {
        ingest.submit(new RawQuote(symbol, price, null, null, volume, PROVIDER, clock.instant()));
    }

    /** Waits until the book holds {@code seq} for {@code symbol}. */
    public void awaitSeq(String symbol, long seq) {
        String normalized = Symbols.normalize(symbol);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> book.latest(normalized).map(Quote::seq).orElse(0L) >= seq);
    }

    public ManualClock clock() {
        return clock;
    }
}
