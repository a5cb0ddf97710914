package io.tickhub.server.store;

import io.tickhub.core.journal.TickJournal;
import io.tickhub.server.support.PeriodicTasks;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's upkeep, off the sequencer's thread: forces it to disk on a timer (appends stay
 * copies into the page cache, and a power loss takes at most one interval of them; a killed
 * process takes none), and applies the retention once a minute (whole old segment files).
 */
public final class JournalFlusher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JournalFlusher.class);
    static final Duration RETENTION_PERIOD = Duration.ofMinutes(1);

    private final PeriodicTasks timer = new PeriodicTasks("tickhub-journal-flush");

    private JournalFlusher() {
    }

    /**
     * Flushes every {@code interval} and drops ticks older than {@code retention}; a zero interval
     * leaves write-back to the OS, a zero retention keeps everything.
     */
    public static JournalFlusher every(Duration interval, Duration retention, Clock clock, TickJournal journal) {
        JournalFlusher flusher = new JournalFlusher();
        if (!interval.isZero()) {
            flusher.timer.every(interval, interval, "force the tick journal to disk", journal::force);
        }
        if (!retention.isZero()) {
            flusher.timer.every(RETENTION_PERIOD, Duration.ZERO, "apply the tick journal's retention", () -> {
                long dropped = journal.dropBefore(clock.instant().minus(retention));
                if (dropped > 0) {
                    log.info("Tick journal: dropped {} ticks older than {} (tickhub.journal.retention)", dropped, retention);
                }
            });
        }
        return flusher;
    }

    @Override
    public void close() {
        timer.close();
    }
}
