package io.tickhub.bench.store.candidate;

import java.time.Instant;

/** One minute of one symbol's ticks as a bar: open and close by seq, the volume summed, the ticks counted. */
public record MinuteBar(Instant start, double open, double high, double low, double close, double volume,
                        long trades) {}
