package io.tickhub.bench.store;

import io.tickhub.core.quote.Quote;
import io.tickhub.server.store.PricePointLoader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * H2's ceiling: plain JDBC batches of {@code INSERT}s, {@value #BATCH} rows each and one commit per
 * batch, nothing else. The batches are the store's own ({@link PricePointLoader#JDBC_BATCH}: same
 * statement, same bindings), so the difference to the writer is what the writer adds.
 */
final class RawBatchInsertLoader implements RawLoader {
  static final int BATCH = 10_000;

  @Override
  public String label() {
    return "raw JDBC batch INSERT";
  }

  @Override
  public void load(DataSource dataSource, List<Quote> quotes) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      for (int from = 0; from < quotes.size(); from += BATCH) {
        PricePointLoader.JDBC_BATCH.load(c, quotes.subList(from, Math.min(quotes.size(), from + BATCH)));
        c.commit();
      }
    }
  }
}
