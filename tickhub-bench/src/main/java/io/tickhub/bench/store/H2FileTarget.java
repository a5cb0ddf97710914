package io.tickhub.bench.store;

import io.tickhub.bench.ScratchFiles;
import io.tickhub.server.store.TestDatabases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * H2 in file mode, as the hub runs it by default ({@code jdbc:h2:file:...;DB_CLOSE_ON_EXIT=FALSE}),
 * in a temporary directory: one database file per measurement, deleted after it, and the directory
 * deleted on close (or at JVM exit if the run is cut short).
 */
final class H2FileTarget implements IngestTarget {
  private final Path directory;
  private final Thread deleteAtExit;
  private int databases;

  private H2FileTarget(Path directory) {
    this.directory = directory;
    this.deleteAtExit = new Thread(() -> ScratchFiles.deleteTree(directory), "store-bench-h2-cleanup");
    Runtime.getRuntime().addShutdownHook(deleteAtExit);
  }

  static H2FileTarget create() {
    try {
      return new H2FileTarget(Files.createTempDirectory("tickhub-store-bench-h2-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp directory for H2", e);
    }
  }

  @Override
  public StoreKind kind() {
    return StoreKind.H2;
  }

  @Override
  public ScratchDatabase freshDatabase() {
    Path files = directory.resolve("bench-" + ++databases);
    String url = "jdbc:h2:file:" + files.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    // Closing the pool closes the last connection, which closes the database, so its files can go.
    return new ScratchDatabase(TestDatabases.migrated(url, "sa", "", "h2"), () -> deleteFilesOf(files));
  }

  @Override
  public RawLoader rawLoader() {
    return new RawBatchInsertLoader();
  }

  @Override
  public void close() {
    ScratchFiles.deleteTree(directory);
    try {
      Runtime.getRuntime().removeShutdownHook(deleteAtExit);
    } catch (IllegalStateException e) {
      // already shutting down: the hook deletes the (now missing) directory again, harmlessly
    }
  }

  /** H2 names its files after the database: bench-1.mv.db, bench-1.trace.db, ... */
  private void deleteFilesOf(Path database) {
    String prefix = database.getFileName() + ".";
    try (Stream<Path> files = Files.list(directory)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete H2 files of " + database, e);
    }
  }
}
