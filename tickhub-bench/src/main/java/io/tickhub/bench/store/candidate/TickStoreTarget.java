package io.tickhub.bench.store.candidate;

import io.tickhub.core.quote.Quote;
import java.time.Instant;
import java.util.List;

/**
 * A tick store under comparison (issue 15): it takes the ticks in batches as the sequencer would hand
 * them over, and answers the three reads the hub serves from stored ticks. Each target owns its files
 * in the directory it was opened on and deletes nothing itself: the benchmark deletes the directory.
 *
 * <p>To add a store (the tick journal, say): implement this, add a constant to {@link CandidateKind}
 * that opens it, and run {@code --candidates} with its name.
 */
@SuppressWarnings("try") // close() may wait for a database's threads; the bench is single-threaded
public interface TickStoreTarget extends AutoCloseable {

  /**
   * Stores one batch of ticks, in order, and makes them readable before returning (a commit, an
   * appender flush, a journal append): the batch is the unit the store pays its per-commit cost on.
   */
  void append(List<Quote> batch) throws Exception;

  /** Waits until everything appended is stored, for a store that writes on a thread of its own. */
  default void awaitStored(long ticks) throws Exception {}

  /** Ticks stored, counted by the store itself (not taken from what was appended). */
  long count() throws Exception;

  /** The symbol's newest {@code count} ticks, oldest first (as the hub's {@code Store.newest}). */
  List<Quote> newest(String symbol, int count) throws Exception;

  /** The symbol's ticks with hub time in {@code [from, to)}, oldest first, at most {@code limit}. */
  List<Quote> history(String symbol, Instant from, Instant to, int limit) throws Exception;

  /** One-minute OHLCV bars of the symbol's ticks with hub time in {@code [from, to)}, oldest first. */
  List<MinuteBar> minuteBars(String symbol, Instant from, Instant to) throws Exception;

  @Override
  void close() throws Exception;
}
