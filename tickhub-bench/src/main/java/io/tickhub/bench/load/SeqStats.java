package io.tickhub.bench.load;

/**
 * Sequence accounting counters: "total" over the whole run (warm-up included), "window" only for
 * updates received inside the measurement window.
 */
final class SeqStats {
  /** Missing seqs: a jump of more than 1 not explained by {@code conflated}. */
  long gapsTotal;
  long gapsWindow;
  /** Updates whose seq is not above the last one seen for that symbol on that connection. */
  long dupsTotal;
  long dupsWindow;
  /** Sum of the {@code conflated:n} counts: updates the hub skipped on purpose. */
  long conflatedTotal;
  long conflatedWindow;

  void add(SeqStats o) {
    gapsTotal += o.gapsTotal;
    gapsWindow += o.gapsWindow;
    dupsTotal += o.dupsTotal;
    dupsWindow += o.dupsWindow;
    conflatedTotal += o.conflatedTotal;
    conflatedWindow += o.conflatedWindow;
  }
}
