package io.tickhub.bench.store;

import io.tickhub.core.quote.Quote;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * PostgreSQL's ceiling: the rows in plain {@code COPY price_points ... FROM STDIN (FORMAT csv)}, a
 * few large transactions, nothing else. The CSV is the store's own (same columns, same number and
 * instant formatting, same chunk size), so the difference to the writer is what the writer adds:
 * batching through its queue, a transaction per batch, the instruments and averages upserts.
 */
final class RawCopyLoader implements RawLoader {
  static final String COPY = "COPY price_points (symbol, seq, price, bid, ask, volume, provider, provider_time,"
      + " hub_time) FROM STDIN (FORMAT csv)";
  /** A few transactions for millions of rows, as a bulk import would commit them. */
  static final int ROWS_PER_TRANSACTION = 500_000;
  private static final int CHUNK_BYTES = 1 << 18;

  @Override
  public String label() {
    return "raw COPY";
  }

  @Override
  public void load(DataSource dataSource, List<Quote> quotes) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      CopyManager copyApi = c.unwrap(PGConnection.class).getCopyAPI();
      for (int from = 0; from < quotes.size(); from += ROWS_PER_TRANSACTION) {
        copy(copyApi, quotes.subList(from, Math.min(quotes.size(), from + ROWS_PER_TRANSACTION)));
        c.commit();
      }
    }
  }

  private static void copy(CopyManager copyApi, List<Quote> quotes) throws SQLException {
    CopyIn copy = copyApi.copyIn(COPY);
    try {
      StringBuilder csv = new StringBuilder(CHUNK_BYTES + 256);
      for (Quote q : quotes) {
        appendCsv(csv, q);
        if (csv.length() >= CHUNK_BYTES) {
          send(copy, csv);
        }
      }
      send(copy, csv);
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** One row as the store's PostgresCopyLoader writes it (bid and ask empty when absent). */
  static void appendCsv(StringBuilder csv, Quote q) {
    csv.append(q.symbol()).append(',').append(q.seq()).append(',').append(q.price()).append(',');
    if (q.bid() != null) {
      csv.append(q.bid().doubleValue());
    }
    csv.append(',');
    if (q.ask() != null) {
      csv.append(q.ask().doubleValue());
    }
    csv.append(',').append(q.volume()).append(',').append(q.provider()).append(',')
        .append(q.providerTime()).append(',').append(q.hubTime()).append('\n');
  }

  private static void send(CopyIn copy, StringBuilder csv) throws SQLException {
    byte[] bytes = csv.toString().getBytes(StandardCharsets.US_ASCII);
    copy.writeToCopy(bytes, 0, bytes.length);
    csv.setLength(0);
  }
}
