package io.tickhub.bench.store;

import io.tickhub.server.store.EmbeddedPostgresServer;
import io.tickhub.server.store.TestDatabases;

/**
 * An embedded PostgreSQL of its own (the server tests' {@link EmbeddedPostgresServer}, so it runs
 * as root too, with their settings: fsync, synchronous_commit and full_page_writes off). Each
 * measurement gets a new database, dropped afterwards; closing stops the server and deletes its data.
 */
final class PostgresTarget implements IngestTarget {
  private final EmbeddedPostgresServer server;

  private PostgresTarget(EmbeddedPostgresServer server) {
    this.server = server;
  }

  static PostgresTarget start() {
    return new PostgresTarget(EmbeddedPostgresServer.start(null, 0));
  }

  @Override
  public StoreKind kind() {
    return StoreKind.PG;
  }

  @Override
  public ScratchDatabase freshDatabase() {
    String url = server.freshDatabase();
    return new ScratchDatabase(TestDatabases.migrated(url, server.user(), server.user(), "postgresql"),
        () -> server.dropDatabase(url));
  }

  @Override
  public RawLoader rawLoader() {
    return new RawCopyLoader();
  }

  @Override
  public void close() {
    server.close();
  }
}
