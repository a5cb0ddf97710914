package io.tickhub.server.book;

import io.tickhub.core.failover.SymbolFreshness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retires the book's silent symbols ({@link SymbolFreshness#retireSilent}) once a minute, on a timer
 * thread of its own: the only thread that retires.
 */
public final class SymbolRetirement implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SymbolRetirement.class);
    static final Duration PERIOD = Duration.ofMinutes(1);

    private final ScheduledExecutorService timer;

    private SymbolRetirement(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Checks at once (symbols restored from an older run may be long silent), then every minute. */
    public static SymbolRetirement start(SymbolFreshness freshness) {
        if (freshness.retireAfter().isZero()) {
            return new SymbolRetirement(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickhub-symbol-retirement");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                List<String> retired = freshness.retireSilent();
                if (!retired.isEmpty()) {
                    log.info("Retired {} symbols silent for {} (tickhub.book.retire-after): {}", retired.size(),
                            freshness.retireAfter(), retired.size() <= 20 ? retired : retired.subList(0, 20) + "...");
                }
            } catch (RuntimeException e) {
                log.error("Could not retire silent symbols", e);
            }
        }, 0, PERIOD.toNanos(), TimeUnit.NANOSECONDS);
        return new SymbolRetirement(timer);
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
