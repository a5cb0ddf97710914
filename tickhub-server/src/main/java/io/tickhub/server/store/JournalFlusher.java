package io.tickhub.server.store;

import io.tickhub.core.journal.TickJournal;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces the journal to disk on a timer, off the sequencer's thread: appends stay copies into the
 * page cache, and a power loss takes at most one interval of them (a killed process takes none).
 */
public final class JournalFlusher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JournalFlusher.class);

    private final ScheduledExecutorService timer;

    private JournalFlusher(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Flushes every {@code interval}; a zero interval starts nothing and leaves write-back to the OS. */
    public static JournalFlusher every(Duration interval, TickJournal journal) {
        if (interval.isZero()) {
            return new JournalFlusher(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickhub-journal-flush");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                journal.force();
            } catch (RuntimeException e) {
                log.error("Could not force the tick journal to disk", e);
            }
        }, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
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
