package io.tickhub.core.fanout;

import io.tickhub.core.book.Book;
import java.time.Clock;

/**
 * What every streaming connection of a hub shares: the book snapshots and replays come from, the
 * clock, the limits, the metrics and the encoders. Immutable.
 */
public record StreamContext(Book book, Clock clock, StreamSettings settings, FanOutMetrics metrics,
                            MarketEncoder encoder) {
}
