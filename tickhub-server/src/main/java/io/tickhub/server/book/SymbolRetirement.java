package io.tickhub.server.book;

import io.tickhub.core.failover.SymbolFreshness;
import io.tickhub.server.support.PeriodicTasks;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retires the book's silent symbols ({@link SymbolFreshness#retireSilent}) once a minute, on a timer
 * thread of its own: the only thread that retires.
 */
public final class SymbolRetirement implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SymbolRetirement.class);
    static final Duration PERIOD = Duration.ofMinutes(1);

    private final PeriodicTasks timer = new PeriodicTasks("tickhub-symbol-retirement");

    private SymbolRetirement() {
    }

    /** Checks at once (symbols restored from an older run may be long silent), then every minute. */
    public static SymbolRetirement start(SymbolFreshness freshness) {
        SymbolRetirement retirement = new SymbolRetirement();
        if (!freshness.retireAfter().isZero()) {
            retirement.timer.every(PERIOD, Duration.ZERO, "retire silent symbols", () -> {
                List<String> retired = freshness.retireSilent();
                if (!retired.isEmpty()) {
                    log.info("Retired {} symbols silent for {} (tickhub.book.retire-after): {}", retired.size(),
                            freshness.retireAfter(), retired.size() <= 20 ? retired : retired.subList(0, 20) + "...");
                }
            });
        }
        return retirement;
    }

    @Override
    public void close() {
        timer.close();
    }
}
