package io.tickhub.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.journal.TickJournal;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's upkeep applies the retention on its own thread, by the hub's clock. */
class JournalFlusherTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("try") // the upkeep only has to be running while the body waits for it
    void ticksOlderThanTheRetentionGoAWholeSegmentAtATimeAndTheNewestStays() {
        ManualClock clock = ManualClock.at("2026-12-04T12:00:00Z");
        TickJournal journal = TickJournal.open(dir, 4, "boot-1");
        Instant t0 = clock.instant().minus(Duration.ofDays(10));
        for (long seq = 1; seq <= 12; seq++) { // three segments of four, ten days old
            Instant hub = t0.plusSeconds(seq);
            journal.append(new Quote("AAPL", 100 + seq, null, null, 1, "simulator", hub, hub, seq));
        }

        try (JournalFlusher upkeep = JournalFlusher.every(Duration.ZERO, Duration.ofDays(7), clock, journal)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> journal.size() == 4);
        }

        assertThat(journal.newest("AAPL", 100)).extracting(Quote::seq).containsExactly(9L, 10L, 11L, 12L);
        journal.close();
    }
}
