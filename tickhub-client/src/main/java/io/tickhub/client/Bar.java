package io.tickhub.client;

import java.time.Instant;

/**
 * One state of a bar. A later bar of the same {@code symbol}, {@code interval} and {@code start}
 * replaces it, revised or not.
 *
 * @param start   the bar's start ({@code t})
 * @param count   updates in the bar ({@code n})
 * @param closed  final, unless a late update revises it ({@code revised})
 */
public record Bar(String symbol, String interval, Instant start, double open, double high, double low, double close,
                  double volume, long count, boolean closed, boolean revised) implements StreamEvent {
}
