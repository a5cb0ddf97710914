package io.tickhub.bench.store.candidate;

import com.zaxxer.hikari.HikariDataSource;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.store.StoreWriter;
import io.tickhub.core.store.StoreWriterSettings;
import io.tickhub.core.store.StoreWriterStatus;
import io.tickhub.server.store.JdbcStore;
import io.tickhub.server.store.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Today's default store, the baseline: an H2 file with the Flyway schema, filled as the hub fills it,
 * through the {@link StoreWriter} (its own thread, batches of {@code batchSize} rows, the instruments
 * and moving-average upserts of every batch) into the {@link JdbcStore}. Newest and history are the
 * JdbcStore's own queries; bars are a GROUP BY over {@code price_points} (the hub keeps bars in a
 * table of their own, built as ticks arrive, so this is the cost of computing them afresh).
 */
final class H2StoreTarget implements TickStoreTarget {
  /** The bus ends a batch every 1000 ticks at most. */
  private static final int BUS_BATCH = 1_000;
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final HikariDataSource dataSource;
  private final JdbcStore store;
  private final StoreWriter writer;

  private H2StoreTarget(HikariDataSource dataSource, int capacity, int batchSize) {
    this.dataSource = dataSource;
    this.store = JdbcStore.on(dataSource);
    StoreWriterSettings d = StoreWriterSettings.defaults();
    // The queue holds the whole run, so the writer's speed, not its capacity, is measured.
    this.writer = new StoreWriter(store, new StoreWriterSettings(Math.max(d.capacity(), capacity), batchSize,
        d.retryInitial(), d.retryMax(), d.shutdownTimeout(), d.averageWindows()), Clock.systemUTC());
    writer.start();
  }

  static H2StoreTarget open(Path directory, int ticks, int batchSize) {
    String url = "jdbc:h2:file:" + directory.resolve("ticks").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    HikariDataSource dataSource = TestDatabases.migrated(url, "sa", "", "h2");
    try {
      return new H2StoreTarget(dataSource, ticks, batchSize);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /** Offers the ticks as the bus does; the writer stores them on its own thread. */
  @Override
  public void append(List<Quote> batch) {
    for (int i = 0; i < batch.size(); i++) {
      writer.onQuote(batch.get(i));
      if ((i + 1) % BUS_BATCH == 0) {
        writer.onBatchEnd();
      }
    }
    writer.onBatchEnd();
  }

  @Override
  public void awaitStored(long ticks) {
    StoreWriterStatus status = writer.status();
    while (status.written() + status.overflow() < ticks) {
      LockSupport.parkNanos(POLL_NANOS);
      status = writer.status();
    }
  }

  @Override
  public long count() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM price_points")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public List<Quote> newest(String symbol, int count) {
    return store.newest(symbol, count);
  }

  @Override
  public List<Quote> history(String symbol, Instant from, Instant to, int limit) {
    return store.history(symbol, from, to, 0, limit);
  }

  @Override
  public List<MinuteBar> minuteBars(String symbol, Instant from, Instant to) throws SQLException {
    List<MinuteBar> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
         PreparedStatement s = c.prepareStatement("""
             SELECT DATE_TRUNC('MINUTE', hub_time) AS bucket, (ARRAY_AGG(price ORDER BY seq))[1], MAX(price),
               MIN(price), (ARRAY_AGG(price ORDER BY seq DESC))[1], SUM(volume), COUNT(*)
             FROM price_points WHERE symbol = ? AND hub_time >= ? AND hub_time < ?
             GROUP BY bucket ORDER BY bucket""")) {
      s.setString(1, symbol);
      s.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
      s.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new MinuteBar(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getDouble(2), rs.getDouble(3),
              rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getLong(7)));
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      writer.close();
    } finally {
      dataSource.close();
    }
  }
}
