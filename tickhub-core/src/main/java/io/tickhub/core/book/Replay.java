package io.tickhub.core.book;

import io.tickhub.core.quote.Quote;
import java.util.List;

/**
 * What the book still holds after a given seq, for stream resume.
 *
 * @param quotes    held quotes, oldest first, contiguous
 * @param complete  true when {@code quotes} starts right after the requested seq (no gap)
 * @param latestSeq the symbol's latest seq when the replay was read
 */
public record Replay(List<Quote> quotes, boolean complete, long latestSeq) {
}
