package io.tickhub.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk claims of symbols fed at the same rate do not come together: each symbol's claim steps end
 * at a phase of its own, so 500 simulated symbols cross a step boundary at 500 different record
 * counts, not all at the same one (which held the sequencer for about a second at 30,000 updates/s).
 */
class ClaimStepsTest {

    private static final int RECORDS_PER_STEP = SymbolTicks.ALLOCATION_STEP / TickRecord.SIZE;

    @TempDir
    Path dir;

    @Test
    void symbolsFedTogetherCrossTheirStepBoundariesAtDifferentCounts() {
        Set<Long> phases = new HashSet<>();
        int[] perSixteenth = new int[16];
        for (int i = 0; i < 500; i++) {
            long phase = SymbolTicks.phase(String.format("ITEM_%02d", i));
            assertThat(phase % TickRecord.SIZE).isZero();
            assertThat(phase).isBetween(0L, (long) SymbolTicks.ALLOCATION_STEP - TickRecord.SIZE);
            phases.add(phase);
            perSixteenth[(int) (phase * 16 / SymbolTicks.ALLOCATION_STEP)]++;
        }
        assertThat(phases.size()).isGreaterThan(400);
        // Evenly spread: about 31 symbols in each sixteenth of the step, none with a crowd.
        for (int count : perSixteenth) {
            assertThat(count).isBetween(10, 60);
        }
    }

    @Test
    void aClaimCoversTheRecordAndAtMostOneStep() {
        long segment = 64L * SymbolTicks.ALLOCATION_STEP;
        for (long phase : new long[] {0, TickRecord.SIZE, SymbolTicks.ALLOCATION_STEP / 2, SymbolTicks.ALLOCATION_STEP - TickRecord.SIZE}) {
            long allocated = 0;
            for (long offset = 0; offset + TickRecord.SIZE <= segment; offset += TickRecord.SIZE) {
                if (offset + TickRecord.SIZE > allocated) {
                    long end = SymbolTicks.claimEnd(offset, phase, segment);
                    assertThat(end).isGreaterThanOrEqualTo(offset + TickRecord.SIZE).isLessThanOrEqualTo(segment);
                    assertThat(end - allocated).isLessThanOrEqualTo(SymbolTicks.ALLOCATION_STEP);
                    assertThat(end % TickRecord.SIZE).isZero();
                    assertThat(end == segment || (end + phase) % SymbolTicks.ALLOCATION_STEP == 0).isTrue();
                    allocated = end;
                }
            }
            assertThat(allocated).isEqualTo(segment);
        }
    }

    @Test
    void recordsAcrossManyClaimsReadBackAfterReopening() throws IOException {
        int capacity = 3 * RECORDS_PER_STEP + 17; // segments that do not end on a step
        Path symbolDir = Files.createDirectories(dir.resolve("ITEM_07"));
        SymbolTicks ticks = SymbolTicks.create("ITEM_07", symbolDir, capacity);
        int written = 2 * capacity + RECORDS_PER_STEP / 3;
        for (int i = 1; i <= written; i++) {
            ticks.append(record(i), i, 1);
        }
        ticks.close();
        SymbolTicks reopened = SymbolTicks.open("ITEM_07", symbolDir, capacity, 0).ticks();
        assertThat(reopened.lastSeq()).isEqualTo(written);
        for (int i = written; i <= written + RECORDS_PER_STEP + 5; i++) {
            reopened.append(record(i + 1), i + 1, 1);
        }
        assertThat(reopened.lastSeq()).isEqualTo(written + RECORDS_PER_STEP + 6);
        reopened.close();
    }

    private static ByteBuffer record(long seq) {
        ByteBuffer buffer = ByteBuffer.allocate(TickRecord.SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(0, seq);
        return buffer;
    }
}
