package io.tickhub.server.provider.replay;

import java.time.Instant;

/**
 * One row of a replay file, as recorded. Immutable.
 *
 * @param volume 0 when the column is absent or empty
 * @param bid    null when absent or empty
 * @param ask    null when absent or empty
 */
record ReplayRow(Instant time, String symbol, double price, double volume, Double bid, Double ask) {
}
