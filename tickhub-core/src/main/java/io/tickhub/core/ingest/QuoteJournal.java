package io.tickhub.core.ingest;

import io.tickhub.core.quote.Quote;

/**
 * Where the sequencer records each accepted quote before anything else sees it, so that a seq it
 * ever published is never given to another update, even after the process is killed. Called on the
 * sequencer thread only.
 */
@FunctionalInterface
public interface QuoteJournal {

    /** Keeps nothing: seqs continue from whatever the hub restores (tests, and nodes without a journal). */
    QuoteJournal NONE = quote -> { };

    /**
     * Records {@code quote} durably enough that a restart finds it.
     *
     * @throws RuntimeException when it cannot (a full disk); the quote must then not be published
     */
    void append(Quote quote);
}
