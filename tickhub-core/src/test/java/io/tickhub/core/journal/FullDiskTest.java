package io.tickhub.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickhub.core.quote.Quote;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal on a disk that fills up: the append that finds no room is refused with an exception
 * (never a {@code SIGBUS} from a write into an unbacked page, which would kill the JVM), and every
 * record appended before it is kept. Needs root to mount a 1 MiB tmpfs; skipped otherwise.
 */
class FullDiskTest {

    @TempDir
    Path dir;
    private boolean mounted;

    @BeforeEach
    void mountATinyDisk() {
        mounted = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir.toString());
        assumeTrue(mounted, "mounting a tmpfs needs root");
    }

    @AfterEach
    void unmount() {
        if (mounted) {
            run("umount", "--lazy", dir.toString()); // mappings live until collected: detach now, free when unused
        }
    }

    @Test
    void theAppendThatFindsTheDiskFullIsRefusedAndEverythingBeforeItIsKept() throws IOException {
        TickJournal journal = TickJournal.open(dir.resolve("journal"), 1 << 16, "boot-1");
        Instant t0 = Instant.parse("2026-12-04T14:30:00Z");
        long seq = 0;
        JournalException full = null;
        while (full == null && seq < 1_000_000) {
            Quote q = new Quote("AAPL", 100 + seq, null, null, 1, "simulator", t0, t0.plusNanos(seq * 1000), seq + 1);
            try {
                journal.append(q);
                seq++;
            } catch (JournalException e) {
                full = e;
            }
        }

        assertThat(full).isNotNull();
        assertThat(full.getMessage()).containsIgnoringCase("space");
        assertThat(seq).isGreaterThan(1_000); // most of the megabyte held records before it ran out
        assertThat(journal.lastSeq("AAPL")).isEqualTo(seq);
        assertThat(journal.newest("AAPL", 1)).extracting(Quote::seq).containsExactly(seq);
        long kept = seq;
        assertThatThrownBy(() -> journal.append(new Quote("AAPL", 1, null, null, 1, "simulator", t0, t0, kept + 1)))
                .isInstanceOf(JournalException.class);
        journal.abandon();
        // A restart on the full disk refuses to start, saying why; with room again, every record is there.
        assertThatThrownBy(() -> TickJournal.open(dir.resolve("journal"), 1 << 16, "boot-1"))
                .isInstanceOf(JournalException.class).hasMessageContaining("No space left");
        assertThat(run("mount", "-o", "remount,size=2m", dir.toString())).isTrue();
        TickJournal restarted = TickJournal.open(dir.resolve("journal"), 1 << 16, "boot-1");
        assertThat(restarted.lastSeq("AAPL")).isEqualTo(kept);
        assertThat(restarted.epochContinued()).isTrue();
        restarted.close();
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
