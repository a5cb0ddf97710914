package io.tickhub.server.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tick journal ({@code tickhub.journal.*}): where the sequencer records every accepted update
 * before publishing it, and the embedded store of ticks.
 *
 * @param dir           its directory; one hub at a time may use it. Unset (the default): {@code journal}
 *                      in {@code tickhub.data-dir} ({@link TickhubProperties#journalDir})
 * @param flushInterval how often what was journaled is forced to disk, bounding what a power loss can
 *                      take (a killed process loses nothing either way); {@code 0} leaves it to the OS
 * @param retention     how long ticks are kept: older ones go a whole segment file at a time (each
 *                      symbol's newest segment stays); {@code 0} keeps everything
 * @param tickStore     where history is read from: {@code journal}, {@code database} (the SQL store
 *                      keeps ticks as well, as on PostgreSQL), or {@code auto}: the journal when the
 *                      database is the embedded H2, the database otherwise
 */
public record JournalProperties(
        Path dir,
        @DefaultValue("1s") Duration flushInterval,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("auto") TickStore tickStore) {

    public JournalProperties {
        if (flushInterval.isNegative()) {
            throw new IllegalArgumentException("tickhub.journal.flush-interval must be >= 0, was " + flushInterval);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("tickhub.journal.retention must be >= 0, was " + retention);
        }
    }

    public enum TickStore {
        AUTO, JOURNAL, DATABASE
    }

    /** Whether ticks are served from the journal, given the SQL store's vendor. */
    public boolean ticksInJournal(String databaseVendor) {
        return switch (tickStore) {
            case JOURNAL -> true;
            case DATABASE -> false;
            case AUTO -> "H2".equals(databaseVendor);
        };
    }
}
