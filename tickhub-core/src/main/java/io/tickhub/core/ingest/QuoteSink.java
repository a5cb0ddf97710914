package io.tickhub.core.ingest;

import io.tickhub.core.quote.RawQuote;

/** Where providers hand their quotes. Thread-safe: any provider thread may call it. */
@FunctionalInterface
public interface QuoteSink {

    /**
     * Offers a quote for validation and sequencing. Blocks briefly when the hub is saturated
     * (back-pressure to the provider) rather than dropping what it was given.
     */
    void submit(RawQuote quote);
}
