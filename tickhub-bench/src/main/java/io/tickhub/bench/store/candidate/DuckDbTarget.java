package io.tickhub.bench.store.candidate;

import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Timestamps;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB ({@code org.duckdb:duckdb_jdbc}) on a database file in the directory: one table {@code ticks}
 * with no primary key or index (an index would turn its bulk appends into row-by-row work), filled
 * through the {@link DuckDBAppender} with a {@code flush()} per batch. Times are stored as
 * {@code TIMESTAMP} in UTC, read back as epoch microseconds. Bars use {@code time_bucket}.
 */
final class DuckDbTarget implements TickStoreTarget {
  private static final String COLUMNS = "symbol, seq, price, bid, ask, volume, provider, epoch_us(provider_time),"
      + " epoch_us(hub_time), raw_id";

  private final DuckDBConnection connection;
  private final DuckDBAppender appender;
  private final PreparedStatement newest;
  private final PreparedStatement history;
  private final PreparedStatement bars;

  private DuckDbTarget(DuckDBConnection connection) throws SQLException {
    this.connection = connection;
    try (Statement s = connection.createStatement()) {
      s.execute("""
          CREATE TABLE ticks (symbol VARCHAR NOT NULL, seq BIGINT NOT NULL, price DOUBLE NOT NULL, bid DOUBLE,
            ask DOUBLE, volume DOUBLE NOT NULL, provider VARCHAR NOT NULL, provider_time TIMESTAMP NOT NULL,
            hub_time TIMESTAMP NOT NULL, raw_id VARCHAR)""");
    }
    this.appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "ticks");
    this.newest = connection.prepareStatement("SELECT " + COLUMNS + " FROM ticks WHERE symbol = ?"
        + " ORDER BY seq DESC LIMIT ?");
    this.history = connection.prepareStatement("SELECT " + COLUMNS + " FROM ticks WHERE symbol = ?"
        + " AND hub_time >= make_timestamp(?) AND hub_time < make_timestamp(?) ORDER BY seq LIMIT ?");
    this.bars = connection.prepareStatement("""
        SELECT epoch_us(time_bucket(INTERVAL '1 minute', hub_time)) AS bucket, arg_min(price, seq), max(price),
          min(price), arg_max(price, seq), sum(volume), count(*)
        FROM ticks WHERE symbol = ? AND hub_time >= make_timestamp(?) AND hub_time < make_timestamp(?)
        GROUP BY bucket ORDER BY bucket""");
  }

  static DuckDbTarget open(Path directory) throws SQLException {
    String url = "jdbc:duckdb:" + directory.resolve("ticks.duckdb").toAbsolutePath();
    DuckDBConnection connection = DriverManager.getConnection(url).unwrap(DuckDBConnection.class);
    try {
      return new DuckDbTarget(connection);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public void append(List<Quote> batch) throws SQLException {
    for (Quote q : batch) {
      appender.beginRow();
      appender.append(q.symbol());
      appender.append(q.seq());
      appender.append(q.price());
      appender.append(q.bid());
      appender.append(q.ask());
      appender.append(q.volume());
      appender.append(q.provider());
      appender.appendEpochMicros(Timestamps.micros(q.providerTime()));
      appender.appendEpochMicros(q.hubTimeMicros());
      appender.append(q.rawId());
      appender.endRow();
    }
    appender.flush();
  }

  @Override
  public long count() throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM ticks")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public List<Quote> newest(String symbol, int count) throws SQLException {
    newest.setString(1, symbol);
    newest.setInt(2, count);
    return quotes(newest).reversed();
  }

  @Override
  public List<Quote> history(String symbol, Instant from, Instant to, int limit) throws SQLException {
    history.setString(1, symbol);
    history.setLong(2, Timestamps.micros(from));
    history.setLong(3, Timestamps.micros(to));
    history.setInt(4, limit);
    return quotes(history);
  }

  @Override
  public List<MinuteBar> minuteBars(String symbol, Instant from, Instant to) throws SQLException {
    bars.setString(1, symbol);
    bars.setLong(2, Timestamps.micros(from));
    bars.setLong(3, Timestamps.micros(to));
    List<MinuteBar> out = new ArrayList<>();
    try (ResultSet rs = bars.executeQuery()) {
      while (rs.next()) {
        out.add(new MinuteBar(micros(rs.getLong(1)), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
            rs.getDouble(5), rs.getDouble(6), rs.getLong(7)));
      }
    }
    return out;
  }

  private static List<Quote> quotes(PreparedStatement statement) throws SQLException {
    List<Quote> out = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        double bid = rs.getDouble(4);
        Double bidOrNull = rs.wasNull() ? null : bid;
        double ask = rs.getDouble(5);
        Double askOrNull = rs.wasNull() ? null : ask;
        out.add(new Quote(rs.getString(1), rs.getDouble(3), bidOrNull, askOrNull, rs.getDouble(6), rs.getString(7),
            micros(rs.getLong(8)), micros(rs.getLong(9)), rs.getLong(2), rs.getString(10)));
      }
    }
    return out;
  }

  static Instant micros(long epochMicros) {
    return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000), Math.floorMod(epochMicros, 1_000_000) * 1_000L);
  }

  @Override
  public void close() throws SQLException {
    try {
      appender.close();
    } finally {
      connection.close();
    }
  }
}
