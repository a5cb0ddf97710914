package io.tickhub.bench.store;

import io.tickhub.core.quote.Quote;
import io.tickhub.server.store.PostgresCopyLoader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * PostgreSQL's ceiling: the rows in plain {@code COPY price_points ... FROM STDIN (FORMAT csv)}, a
 * few large transactions, nothing else. The COPY is the store's own {@link PostgresCopyLoader}
 * (same columns, same CSV, same chunks), so the difference to the writer is what the writer adds:
 * batching through its queue, a transaction per batch, the instruments and averages upserts.
 */
final class RawCopyLoader implements RawLoader {
  /** A few transactions for millions of rows, as a bulk import would commit them. */
  static final int ROWS_PER_TRANSACTION = 500_000;

  private final PostgresCopyLoader copy = new PostgresCopyLoader();

  @Override
  public String label() {
    return "raw COPY";
  }

  @Override
  public void load(DataSource dataSource, List<Quote> quotes) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      for (int from = 0; from < quotes.size(); from += ROWS_PER_TRANSACTION) {
        copy.load(c, quotes.subList(from, Math.min(quotes.size(), from + ROWS_PER_TRANSACTION)));
        c.commit();
      }
    }
  }
}
