package io.tickhub.core.fanout;

import io.tickhub.core.book.Book;
import io.tickhub.core.journal.StreamEpoch;
import java.time.Clock;

/**
 * What every streaming connection of a hub shares: the book snapshots and replays come from, the
 * clock, the limits, the metrics and the encoders. Immutable.
 */
public record StreamContext(Book book, Clock clock, StreamSettings settings, FanOutMetrics metrics,
                            MarketEncoder encoder) {

    /**
     * The stream epoch every seq sent belongs to: in {@code connection}, {@code recovered} and SSE
     * ids. Taken from the encoder, which writes it into SSE ids, so the two can never differ.
     */
    public StreamEpoch epoch() {
        return encoder.epoch();
    }
}
