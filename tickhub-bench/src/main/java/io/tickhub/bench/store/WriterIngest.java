package io.tickhub.bench.store;

import io.tickhub.core.quote.Quote;
import io.tickhub.core.store.StoreWriter;
import io.tickhub.core.store.StoreWriterSettings;
import io.tickhub.core.store.StoreWriterStatus;
import io.tickhub.server.store.JdbcStore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sustained ticks/s through the hub's real store path: the {@link StoreWriter} draining into a
 * {@link JdbcStore} (COPY on PostgreSQL, JDBC batches on H2, plus the instruments and moving-average
 * upserts of every batch).
 *
 * <p>One producer offers every tick as fast as it can, ending a bus batch every {@value #BUS_BATCH}
 * as the bus does. The queue holds them all (capacity at least the tick count) so the producer never
 * waits and nothing overflows; the clock runs from the first offer until the writer reports the last
 * tick written, i.e. committed. That is the rate at which the writer empties a full backlog.
 */
final class WriterIngest {
  static final int BUS_BATCH = 1_000;
  /** How often the benchmark looks at the writer's counters: a few ms against runs of seconds. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private WriterIngest() {}

  static String path(int batchSize) {
    return "store writer (batch " + batchSize + ")";
  }

  static Measurement measure(IngestTarget target, int run, List<Quote> quotes, int batchSize, Duration timeout) {
    int n = quotes.size();
    try (ScratchDatabase db = target.freshDatabase()) {
      StoreWriter writer = new StoreWriter(JdbcStore.on(db.dataSource()), settings(n, batchSize), Clock.systemUTC());
      writer.start();
      StoreWriterStatus status;
      long elapsed;
      try {
        long start = System.nanoTime();
        offerAll(writer, quotes);
        status = awaitWritten(writer, n, start + timeout.toNanos());
        elapsed = System.nanoTime() - start;
      } finally {
        writer.close();
      }
      String error = status.written() + status.overflow() >= n ? null
          : String.format("gave up after %d s: %d of %d written (last error: %s)", timeout.toSeconds(),
              status.written(), n, status.lastError());
      return new Measurement(target.kind(), path(batchSize), true, run, n, PricePoints.count(db.dataSource()),
          elapsed, status.overflow(), error);
    } catch (RuntimeException e) {
      return new Measurement(target.kind(), path(batchSize), true, run, n, -1, 0, 0, e.toString());
    }
  }

  /** The hub's defaults but for the capacity, which must hold the whole run, and the batch size under test. */
  static StoreWriterSettings settings(int ticks, int batchSize) {
    StoreWriterSettings d = StoreWriterSettings.defaults();
    return new StoreWriterSettings(Math.max(d.capacity(), ticks), batchSize, d.retryInitial(), d.retryMax(),
        d.shutdownTimeout(), d.averageWindows());
  }

  private static void offerAll(StoreWriter writer, List<Quote> quotes) {
    for (int i = 0; i < quotes.size(); i++) {
      writer.onQuote(quotes.get(i));
      if ((i + 1) % BUS_BATCH == 0) {
        writer.onBatchEnd();
      }
    }
    writer.onBatchEnd();
  }

  /** Waits until every tick is written or refused, or the deadline passes; returns the last status seen. */
  private static StoreWriterStatus awaitWritten(StoreWriter writer, int n, long deadline) {
    StoreWriterStatus status = writer.status();
    while (status.written() + status.overflow() < n && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(POLL_NANOS);
      status = writer.status();
    }
    return status;
  }
}
