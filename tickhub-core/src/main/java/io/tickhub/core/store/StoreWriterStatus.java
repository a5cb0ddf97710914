package io.tickhub.core.store;

import java.time.Instant;

/**
 * What the store writer reports to health and metrics. A snapshot; counters only grow.
 *
 * @param up          the last write succeeded (true before the first one)
 * @param backlog     rows waiting to be written, including a batch being retried
 * @param written     rows written since start
 * @param overflow    rows refused because the backlog was full (lost, and counted)
 * @param lost        rows still unwritten when shutdown gave up on the database
 * @param failures    failed write attempts
 * @param lastError   why the last attempt failed, or null
 * @param lastSuccess when a write last succeeded, or null
 */
public record StoreWriterStatus(boolean up, long backlog, long written, long overflow, long lost, long failures,
                                String lastError, Instant lastSuccess) {
}
