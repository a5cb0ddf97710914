package io.tickhub.bench.store.candidate;

import io.tickhub.core.journal.TickJournal;
import io.tickhub.core.quote.Quote;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub's own {@link TickJournal} as the tick store: per symbol, memory-mapped segment files of
 * 128-byte records, appended one quote at a time as the sequencer does (no commit: an append is
 * readable at once). The hub forces the journal to disk on a timer (every second by default); the
 * load here ends with one {@code force()}, inside the timing. Newest and history are the journal's
 * own reads (a binary search in the symbol's files, then a copy out); bars have no query language
 * here, so they are cut from the day's ticks of the symbol, read in one range, as a hub-side scan would.
 */
final class JournalTarget implements TickStoreTarget {
  private final TickJournal journal;

  private JournalTarget(TickJournal journal) {
    this.journal = journal;
  }

  static JournalTarget open(Path directory) {
    return new JournalTarget(TickJournal.open(directory.resolve("journal")));
  }

  @Override
  public void append(List<Quote> batch) {
    for (Quote q : batch) {
      journal.append(q);
    }
  }

  @Override
  public void awaitStored(long ticks) {
    journal.force();
  }

  @Override
  public long count() {
    return journal.size();
  }

  @Override
  public List<Quote> newest(String symbol, int count) {
    return journal.newest(symbol, count);
  }

  @Override
  public List<Quote> history(String symbol, Instant from, Instant to, int limit) {
    return journal.history(symbol, from, to, 0, limit);
  }

  @Override
  public List<MinuteBar> minuteBars(String symbol, Instant from, Instant to) {
    List<MinuteBar> bars = new ArrayList<>();
    Instant start = null;
    double open = 0, high = 0, low = 0, close = 0, volume = 0;
    long trades = 0;
    for (Quote q : journal.history(symbol, from, to, 0, Integer.MAX_VALUE)) {
      Instant minute = q.hubTime().truncatedTo(ChronoUnit.MINUTES);
      if (!minute.equals(start)) {
        if (start != null) {
          bars.add(new MinuteBar(start, open, high, low, close, volume, trades));
        }
        start = minute;
        open = high = low = q.price();
        volume = 0;
        trades = 0;
      }
      high = Math.max(high, q.price());
      low = Math.min(low, q.price());
      close = q.price();
      volume += q.volume();
      trades++;
    }
    if (start != null) {
      bars.add(new MinuteBar(start, open, high, low, close, volume, trades));
    }
    return bars;
  }

  @Override
  public void close() {
    journal.close();
  }
}
