package io.tickhub.bench.store;

/**
 * The stores measured, with the targets the report holds them to (printed, never asserted: the
 * numbers depend on the machine).
 */
public enum StoreKind {
  PG("PostgreSQL (embedded)", 100_000, 0.7),
  H2("H2 file", 50_000, Double.NaN);

  /** How the report names the store. */
  public final String label;
  /** Sustained ticks/s the store writer should reach on this store. */
  public final double writerTarget;
  /** Share of the raw bulk load's rows/s the writer should reach, NaN when there is no such target. */
  public final double rawRatioTarget;

  StoreKind(String label, double writerTarget, double rawRatioTarget) {
    this.label = label;
    this.writerTarget = writerTarget;
    this.rawRatioTarget = rawRatioTarget;
  }

  /** Starts what the store needs (the embedded server, a temp directory); closing the target frees it. */
  public IngestTarget open() {
    return switch (this) {
      case PG -> PostgresTarget.start();
      case H2 -> H2FileTarget.create();
    };
  }
}
