package io.tickhub.core.book;

import io.tickhub.core.quote.Quote;

/**
 * The two ends of a symbol's life in the book: its first accepted quote (initial price, the
 * reference for change) and its latest. Immutable.
 */
public record FirstAndLatest(Quote first, Quote latest) {
}
