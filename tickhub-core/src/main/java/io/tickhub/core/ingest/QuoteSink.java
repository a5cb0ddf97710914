package io.tickhub.core.ingest;

import io.tickhub.core.quote.RawQuote;
import java.util.List;

/** Where providers hand their quotes. Thread-safe: any provider thread may call it. */
@FunctionalInterface
public interface QuoteSink {

    /**
     * Offers a quote for validation and sequencing. Blocks briefly when the hub is saturated
     * (back-pressure to the provider) rather than dropping what it was given.
     */
    void submit(RawQuote quote);

    /**
     * Offers several quotes, in order: the same as submitting each, but a sink may hand them on
     * together (the ingest ring wakes its sequencer once for all of them, not once a quote).
     */
    default void submitAll(List<RawQuote> quotes) {
        for (RawQuote quote : quotes) {
            submit(quote);
        }
    }
}
