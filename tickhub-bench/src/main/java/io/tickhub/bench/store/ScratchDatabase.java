package io.tickhub.bench.store;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

/**
 * One measurement's database behind a Hikari pool, the way the hub reaches its store. Closing it
 * closes the pool, then drops the database or deletes its files so a long run does not fill the disk.
 */
public final class ScratchDatabase implements AutoCloseable {
  private final HikariDataSource pool;
  private final Runnable dispose;

  ScratchDatabase(HikariDataSource pool, Runnable dispose) {
    this.pool = pool;
    this.dispose = dispose;
  }

  public DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    try {
      pool.close();
    } finally {
      dispose.run();
    }
  }
}
