package io.tickhub.server.store;

import io.tickhub.core.journal.TickJournal;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    private final ScheduledExecutorService timer;

    private JournalFlusher(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Flushes every {@code interval} and drops ticks older than {@code retention}; a zero interval
     * leaves write-back to the OS, a zero retention keeps everything.
     */
    public static JournalFlusher every(Duration interval, Duration retention, Clock clock, TickJournal journal) {
        if (interval.isZero() && retention.isZero()) {
            return new JournalFlusher(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickhub-journal-flush");
            t.setDaemon(true);
            return t;
        });
        if (!interval.isZero()) {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    journal.force();
                } catch (RuntimeException e) {
                    log.error("Could not force the tick journal to disk", e);
                }
            }, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (!retention.isZero()) {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    long dropped = journal.dropBefore(clock.instant().minus(retention));
                    if (dropped > 0) {
                        log.info("Tick journal: dropped {} ticks older than {} (tickhub.journal.retention)", dropped, retention);
                    }
                } catch (RuntimeException e) {
                    log.error("Could not apply the tick journal's retention", e);
                }
            }, 0, RETENTION_PERIOD.toNanos(), TimeUnit.NANOSECONDS);
        }
        return new JournalFlusher(timer);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
