package io.tickhub.bench.store;

import io.tickhub.core.quote.Quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * H2's ceiling: plain JDBC batches of {@code INSERT}s, {@value #BATCH} rows each and one commit per
 * batch, nothing else. The parameters are bound as the store binds them (times as UTC
 * {@link OffsetDateTime}s), so the difference to the writer is what the writer adds.
 */
final class RawBatchInsertLoader implements RawLoader {
  static final String INSERT = "INSERT INTO price_points (symbol, seq, price, bid, ask, volume, provider,"
      + " provider_time, hub_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final int BATCH = 10_000;

  @Override
  public String label() {
    return "raw JDBC batch INSERT";
  }

  @Override
  public void load(DataSource dataSource, List<Quote> quotes) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
      c.setAutoCommit(false);
      int pending = 0;
      for (Quote q : quotes) {
        bind(insert, q);
        insert.addBatch();
        if (++pending == BATCH) {
          insert.executeBatch();
          c.commit();
          pending = 0;
        }
      }
      if (pending > 0) {
        insert.executeBatch();
        c.commit();
      }
    }
  }

  private static void bind(PreparedStatement insert, Quote q) throws SQLException {
    insert.setString(1, q.symbol());
    insert.setLong(2, q.seq());
    insert.setDouble(3, q.price());
    setNullableDouble(insert, 4, q.bid());
    setNullableDouble(insert, 5, q.ask());
    insert.setDouble(6, q.volume());
    insert.setString(7, q.provider());
    insert.setObject(8, utc(q.providerTime()));
    insert.setObject(9, utc(q.hubTime()));
  }

  private static void setNullableDouble(PreparedStatement insert, int index, Double value) throws SQLException {
    if (value == null) {
      insert.setNull(index, Types.DOUBLE);
    } else {
      insert.setDouble(index, value);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
