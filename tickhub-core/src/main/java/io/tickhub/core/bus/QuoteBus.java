package io.tickhub.core.bus;

import io.tickhub.core.quote.Quote;

/**
 * Carries sequenced quotes from ingest to everything downstream (book, fan-out, store,
 * aggregators). Port: in-process by default, Kafka or Redis when scaled out. Whatever the
 * implementation, listeners see each symbol's quotes in seq order on one thread at a time.
 *
 * <p>Threading: {@link #publish} and {@link #endOfBatch} are called by the ingest sequencer
 * thread only.
 */
public interface QuoteBus extends AutoCloseable {

    void publish(Quote quote);

    /** Marks the end of a batch of {@link #publish} calls (lets listeners flush once per batch). */
    void endOfBatch();

    /** Registers a listener; quotes published after this call reach it. */
    void subscribe(QuoteListener listener);

    @Override
    default void close() {
    }
}
