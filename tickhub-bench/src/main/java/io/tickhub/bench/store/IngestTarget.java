package io.tickhub.bench.store;

/**
 * A store under measurement: hands out empty, migrated databases and knows its raw bulk load,
 * the ceiling the store writer is compared with. Closing it stops and deletes whatever it started.
 */
public interface IngestTarget extends AutoCloseable {

  StoreKind kind();

  /** An empty database with the Flyway schema; each measurement gets its own, so every run inserts the same rows. */
  ScratchDatabase freshDatabase();

  /** The fastest plain load of price points on this store, with no writer and no instruments upsert. */
  RawLoader rawLoader();

  @Override
  void close();
}
