package io.tickhub.bench.store.candidate;

import java.nio.file.Path;

/** The tick stores compared (issue 15), by the name {@code --candidates} takes. */
public enum CandidateKind {
  H2("H2 file (StoreWriter + JdbcStore)"),
  DUCKDB("DuckDB (appender)"),
  QUESTDB("QuestDB embedded (TableWriter)"),
  JOURNAL("Tick journal (TickJournal, mmap)");

  /** How the report names the store. */
  public final String label;

  CandidateKind(String label) {
    this.label = label;
  }

  /**
   * An empty store in {@code directory}, sized for {@code ticks} where it must be, committing every
   * {@code batchSize} ticks where the hub's own writer decides the batch (H2).
   */
  TickStoreTarget open(Path directory, int ticks, int batchSize) throws Exception {
    return switch (this) {
      case H2 -> H2StoreTarget.open(directory, ticks, batchSize);
      case DUCKDB -> DuckDbTarget.open(directory);
      case QUESTDB -> QuestDbTarget.open(directory);
      case JOURNAL -> JournalTarget.open(directory);
    };
  }
}
