package io.tickhub.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickhub.core.quote.Quote;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TickJournalTest {

    private static final Instant T0 = Instant.parse("2026-12-04T14:30:00Z");
    private static final int SEGMENT = 8;

    @TempDir
    Path dir;

    private static Quote quote(String symbol, long seq) {
        Instant hub = T0.plusMillis(seq * 10);
        return new Quote(symbol, 100 + seq / 4.0, seq % 3 == 0 ? null : 99.5, 100.5 + seq, seq, seq % 2 == 0 ? "simulator" : "finnhub_stream",
                hub.minusNanos(123_456_789), hub, seq, seq % 5 == 0 ? "payload-" + seq : null);
    }

    private TickJournal open(String bootId) {
        return TickJournal.open(dir, SEGMENT, bootId);
    }

    private static List<Quote> appendAll(TickJournal journal, String symbol, long fromSeq, long toSeq) {
        List<Quote> written = new ArrayList<>();
        for (long seq = fromSeq; seq <= toSeq; seq++) {
            Quote q = quote(symbol, seq);
            journal.append(q);
            written.add(q);
        }
        return written;
    }

    @Test
    void everyTickReadsBackExactlyAcrossSegmentFiles() throws IOException {
        TickJournal journal = open("boot-1");
        List<Quote> written = appendAll(journal, "AAPL", 1, 50);

        assertThat(journal.newest("AAPL", 100)).isEqualTo(written);
        assertThat(journal.seqRange("AAPL", 10, 21, 100)).isEqualTo(written.subList(10, 20));
        assertThat(journal.history("AAPL", written.get(5).hubTime(), written.get(30).hubTime(), 7, 10))
                .isEqualTo(written.subList(7, 17));
        assertThat(journal.latest("AAPL", "simulator")).contains(written.get(49));
        assertThat(journal.latest("AAPL", "finnhub_stream")).contains(written.get(48));
        assertThat(journal.latest("AAPL", "yfinance")).isEmpty();
        assertThat(journal.lastSeqs()).isEqualTo(Map.of("AAPL", 50L));
        assertThat(journal.size()).isEqualTo(50);
    }

    @Test
    void aSeqGapLeftByAnotherOwnerIsServedAsAGap() {
        TickJournal journal = open("boot-1");
        appendAll(journal, "MSFT", 1, 3);
        appendAll(journal, "MSFT", 10, 12);

        assertThat(journal.seqRange("MSFT", 0, 100, 100)).extracting(Quote::seq).containsExactly(1L, 2L, 3L, 10L, 11L, 12L);
        assertThat(journal.seqRange("MSFT", 3, 100, 100)).extracting(Quote::seq).containsExactly(10L, 11L, 12L);
    }

    @Test
    void oldSegmentsDeletedWhileTheHubWasStoppedLeaveTheRestServed() throws IOException {
        TickJournal first = open("boot-1");
        List<Quote> written = appendAll(first, "AAPL", 1, 30);
        first.close();
        Files.delete(segmentFile("AAPL", 0));
        Files.delete(segmentFile("AAPL", 1));

        TickJournal second = open("boot-1");
        assertThat(second.epochContinued()).isTrue();
        assertThat(second.newest("AAPL", 100)).isEqualTo(written.subList(2 * SEGMENT, 30));
        assertThat(second.seqRange("AAPL", 0, 100, 100)).first().extracting(Quote::seq).isEqualTo(2L * SEGMENT + 1);
        second.append(quote("AAPL", 31));
        assertThat(second.lastSeq("AAPL")).isEqualTo(31);
    }

    @Test
    void theRetentionDropsWholeOldSegmentsOnlyAndWhatIsLeftIsServed() throws IOException {
        TickJournal journal = open("boot-1");
        List<Quote> written = appendAll(journal, "AAPL", 1, 30); // segments 0..3; hub times 10 ms apart
        // Seq 17 is the first of segment 2: everything before it may go, segment 2 itself not yet.
        Instant cutoff = written.get(16).hubTime().plusMillis(1);

        assertThat(journal.dropBefore(cutoff)).isEqualTo(2 * SEGMENT);

        assertThat(Files.exists(segmentFile("AAPL", 0))).isFalse();
        assertThat(Files.exists(segmentFile("AAPL", 1))).isFalse();
        assertThat(Files.exists(segmentFile("AAPL", 2))).isTrue();
        assertThat(journal.newest("AAPL", 100)).isEqualTo(written.subList(2 * SEGMENT, 30));
        assertThat(journal.seqRange("AAPL", 0, 100, 100)).first().extracting(Quote::seq).isEqualTo(17L);
        assertThat(journal.history("AAPL", Instant.MIN, Instant.MAX, 0, 5)).extracting(Quote::seq)
                .containsExactly(17L, 18L, 19L, 20L, 21L);
        assertThat(journal.lastSeqAtOrBefore("AAPL", written.get(3).hubTime(), 0)).isEmpty();
        assertThat(journal.dropBefore(Instant.MAX)).as("the newest segment always stays").isEqualTo(SEGMENT);
        assertThat(journal.lastSeq("AAPL")).isEqualTo(30);
        journal.append(quote("AAPL", 31));
        journal.close();
        assertThat(open("boot-1").newest("AAPL", 100)).extracting(Quote::seq).containsExactly(25L, 26L, 27L, 28L, 29L, 30L, 31L);
    }

    @Test
    void aSecondHubCannotOpenAJournalInUse() {
        open("boot-1");

        assertThatThrownBy(() -> open("boot-1")).isInstanceOf(JournalException.class)
                .hasMessageContaining("another hub is using the tick journal");
    }

    @Test
    void aSeqThatDoesNotIncreaseIsRefused() {
        TickJournal journal = open("boot-1");
        appendAll(journal, "MSFT", 1, 3);

        assertThatThrownBy(() -> journal.append(quote("MSFT", 3))).isInstanceOf(IllegalStateException.class);
        assertThat(journal.lastSeq("MSFT")).isEqualTo(3);
    }

    @Test
    void aCleanCloseKeepsTheEpochAndEveryTick() {
        TickJournal first = open("boot-1");
        List<Quote> written = appendAll(first, "AAPL", 1, 20);
        first.close();

        TickJournal second = open("boot-2");
        assertThat(second.epoch()).isEqualTo(first.epoch());
        assertThat(second.epochContinued()).isTrue();
        assertThat(second.newest("AAPL", 100)).isEqualTo(written);
        assertThat(second.lastSeq("AAPL")).isEqualTo(20);
        assertThat(second.latest("AAPL", "finnhub_stream")).contains(written.get(18));
        assertThat(second.latest("AAPL", "no_such_provider")).isEmpty();
        Quote next = quote("AAPL", 21);
        second.append(next);
        assertThat(second.latest("AAPL", "finnhub_stream")).contains(next);
        assertThat(second.latest("AAPL", "simulator")).contains(written.get(19));
    }

    @Test
    void aProcessKilledWithinTheSameBootKeepsTheEpochAndEveryTick() throws IOException {
        TickJournal killed = open("boot-1");
        List<Quote> written = appendAll(killed, "AAPL", 1, 20);
        killed.abandon(); // the process died with every write in the page cache

        TickJournal restarted = open("boot-1");
        assertThat(restarted.epoch()).isEqualTo(killed.epoch());
        assertThat(restarted.newest("AAPL", 100)).isEqualTo(written);
        appendAll(restarted, "AAPL", 21, 22);
        assertThat(restarted.lastSeq("AAPL")).isEqualTo(22);
    }

    @Test
    void anUncleanStopBeforeTheMachineRestartedBeginsANewEpoch() throws IOException {
        TickJournal lost = open("boot-1");
        appendAll(lost, "AAPL", 1, 5);
        lost.abandon();

        TickJournal afterPowerLoss = open("boot-2");
        assertThat(afterPowerLoss.epoch()).isNotEqualTo(lost.epoch());
        assertThat(afterPowerLoss.epochContinued()).isFalse();
        assertThat(afterPowerLoss.continuity()).contains("machine restarted");
        assertThat(afterPowerLoss.lastSeq("AAPL")).isEqualTo(5); // what reached the disk is still served
    }

    @Test
    void aJournalWithoutItsPropertiesFileBeginsANewEpoch() throws IOException {
        TickJournal first = open("boot-1");
        appendAll(first, "AAPL", 1, 5);
        first.close();
        Files.delete(dir.resolve(JournalMeta.FILE));

        TickJournal second = open("boot-1");
        assertThat(second.epoch()).isNotEqualTo(first.epoch());
        assertThat(second.continuity()).contains("missing");
    }

    @Test
    void aDeletedJournalBeginsANewEpochWithNothingInIt() throws IOException {
        TickJournal first = open("boot-1");
        appendAll(first, "AAPL", 1, 5);
        first.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        TickJournal second = open("boot-1");
        assertThat(second.epoch()).isNotEqualTo(first.epoch());
        assertThat(second.lastSeqs()).isEmpty();
    }

    @Test
    void aRecordCutShortByACrashIsNotCountedAndIsWrittenOver() throws IOException {
        TickJournal killed = open("boot-1");
        appendAll(killed, "AAPL", 1, 3);
        killed.abandon();
        // The process died in the middle of copying record 4: its fields are there, its seq is not.
        writeAt(segmentFile("AAPL", 0), 3L * TickRecord.SIZE + 8, new byte[]{1, 2, 3, 4, 5, 6, 7, 8});

        TickJournal restarted = open("boot-1");
        assertThat(restarted.epochContinued()).isTrue();
        assertThat(restarted.lastSeq("AAPL")).isEqualTo(3);
        Quote next = quote("AAPL", 4);
        restarted.append(next);
        assertThat(restarted.newest("AAPL", 1)).containsExactly(next);
    }

    @Test
    void aDamagedRecordAtTheEndIsDroppedAndBeginsANewEpoch() throws IOException {
        TickJournal killed = open("boot-1");
        List<Quote> written = appendAll(killed, "AAPL", 1, 6);
        killed.abandon();
        writeAt(segmentFile("AAPL", 0), 5L * TickRecord.SIZE + 30, new byte[]{42});

        TickJournal restarted = open("boot-1");
        assertThat(restarted.epoch()).isNotEqualTo(killed.epoch());
        assertThat(restarted.continuity()).contains("damaged");
        assertThat(restarted.newest("AAPL", 100)).isEqualTo(written.subList(0, 5));
    }

    @Test
    void damageInTheSegmentBeforeTheNewestDropsOnlyWhatFollowsIt() throws IOException {
        TickJournal killed = open("boot-1");
        List<Quote> written = appendAll(killed, "AAPL", 1, 10); // segments 0 (seqs 1-8) and 1 (9-10)
        killed.abandon();
        writeAt(segmentFile("AAPL", 0), 5L * TickRecord.SIZE + 30, new byte[]{42}); // seq 6 damaged

        TickJournal restarted = open("boot-2");
        assertThat(restarted.newest("AAPL", 100)).isEqualTo(written.subList(0, 5));
        assertThat(Files.exists(segmentFile("AAPL", 1))).isFalse();
        Quote next = quote("AAPL", 6);
        restarted.append(next);
        restarted.close();

        TickJournal again = open("boot-2");
        List<Quote> expected = new ArrayList<>(written.subList(0, 5));
        expected.add(next);
        assertThat(again.newest("AAPL", 100)).isEqualTo(expected);
        assertThat(again.history("AAPL", Instant.MIN, Instant.MAX, 0, 100)).isEqualTo(expected);
    }

    @Test
    void aLostProviderNamesFileBeginsANewEpochAndReadsStillAnswer() throws IOException {
        TickJournal first = open("boot-1");
        appendAll(first, "AAPL", 1, 4);
        first.close();
        Files.delete(dir.resolve("providers.txt"));

        TickJournal second = open("boot-1");
        assertThat(second.epoch()).isNotEqualTo(first.epoch());
        assertThat(second.continuity()).contains("providers.txt");
        assertThat(second.newest("AAPL", 10)).hasSize(4).allSatisfy(q -> assertThat(q.provider()).startsWith("unknown#"));
    }

    @Test
    void nothingIsAppendedOnceTheJournalIsClosed() {
        TickJournal journal = open("boot-1");
        appendAll(journal, "AAPL", 1, 2);
        journal.close();

        assertThatThrownBy(() -> journal.append(quote("AAPL", 3))).isInstanceOf(JournalException.class);
        assertThat(open("boot-1").lastSeq("AAPL")).isEqualTo(2);
    }

    @Test
    void aRawIdTooLongToKeepIsRefusedAndNothingIsRecorded() {
        TickJournal journal = open("boot-1");
        Quote q = quote("AAPL", 1);
        Quote tooLong = new Quote(q.symbol(), q.price(), q.bid(), q.ask(), q.volume(), q.provider(), q.providerTime(),
                q.hubTime(), 1, "x".repeat(TickRecord.RAW_ID_MAX + 1));

        assertThatThrownBy(() -> journal.append(tooLong)).isInstanceOf(IllegalArgumentException.class);
        assertThat(journal.lastSeq("AAPL")).isZero();
    }

    @Test
    void forcedRecordsAreCountedOnceEvenWhenForcedAgain() {
        TickJournal journal = open("boot-1");
        appendAll(journal, "AAPL", 1, 20);
        journal.force();
        journal.force();
        appendAll(journal, "AAPL", 21, 25);
        journal.force();
        journal.close();
        assertThat(open("boot-3").lastSeq("AAPL")).isEqualTo(25);
    }

    private Path segmentFile(String symbol, int number) {
        return dir.resolve("ticks").resolve(symbol).resolve(String.format("%012d.ticks", number));
    }

    private static void writeAt(Path file, long position, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), position);
        }
    }
}
