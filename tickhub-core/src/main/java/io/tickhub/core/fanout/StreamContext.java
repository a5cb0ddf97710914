package io.tickhub.core.fanout;

import io.tickhub.core.book.Book;
import io.tickhub.core.journal.StreamEpoch;
import java.time.Clock;

/**
 * What every streaming connection of a hub shares: the book snapshots and replays come from, the
 * clock, the limits, the metrics, the encoders and the hub's count of subscriptions. Immutable
 * (the budget is a thread-safe counter).
 */
public record StreamContext(Book book, Clock clock, StreamSettings settings, FanOutMetrics metrics,
                            MarketEncoder encoder, SubscriptionBudget subscriptions) {

    /** A hub without a limit on its total of subscriptions. */
    public StreamContext(Book book, Clock clock, StreamSettings settings, FanOutMetrics metrics,
                         MarketEncoder encoder) {
        this(book, clock, settings, metrics, encoder, SubscriptionBudget.unlimited());
    }

    /**
     * The stream epoch every seq sent belongs to: in {@code connection}, {@code recovered} and SSE
     * ids. Taken from the encoder, which writes it into SSE ids, so the two can never differ.
     */
    public StreamEpoch epoch() {
        return encoder.epoch();
    }
}
