package io.tickhub.bench.store;

import io.tickhub.core.quote.Quote;

import java.sql.SQLException;
import java.util.List;

/** The store's ceiling: the same ticks through its {@link RawLoader} into a fresh database, timed whole. */
final class RawIngest {
  private RawIngest() {}

  static Measurement measure(IngestTarget target, int run, List<Quote> quotes) {
    RawLoader loader = target.rawLoader();
    int n = quotes.size();
    try (ScratchDatabase db = target.freshDatabase()) {
      String error = null;
      long start = System.nanoTime();
      try {
        loader.load(db.dataSource(), quotes);
      } catch (SQLException e) {
        error = e.getMessage();
      }
      long elapsed = System.nanoTime() - start;
      return new Measurement(target.kind(), loader.label(), false, run, n, PricePoints.count(db.dataSource()),
          elapsed, 0, error);
    } catch (RuntimeException e) {
      return new Measurement(target.kind(), loader.label(), false, run, n, -1, 0, 0, e.toString());
    }
  }
}
