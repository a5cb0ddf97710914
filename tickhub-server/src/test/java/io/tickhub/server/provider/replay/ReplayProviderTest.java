package io.tickhub.server.provider.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.provider.ProviderState;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay provider on its own thread. Waits go to a pacer that records them and moves a manual
 * clock, so a replay "at 1x" of an hour's file finishes at once; the test awaits the end, never time.
 */
class ReplayProviderTest {

    private static final Instant T0 = Instant.parse("2024-01-02T14:30:00Z");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final ProviderStatusBoard status = new ProviderStatusBoard(clock);
    private final List<RawQuote> quotes = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    /** Records how long each row would wait, then lets that time pass on the manual clock. */
    private final ReplayPacer recordingPacer = due -> {
        Duration wait = Duration.between(clock.instant(), due);
        waits.add(wait);
        if (wait.isPositive()) {
            clock.set(due);
        }
    };
    private ReplayProvider replay;

    @AfterEach
    void stop() throws InterruptedException {
        if (replay != null) {
            replay.close();
        }
    }

    private Path file(String... lines) throws IOException {
        return Files.write(dir.resolve("ticks.csv"), List.of(lines));
    }

    private ReplayProvider play(Path file, double speed, boolean loop, boolean rebase, ReplayPacer pacer) {
        replay = new ReplayProvider(new ReplaySettings(file, speed, loop, rebase), quotes::add, status, clock, pacer);
        replay.start();
        return replay;
    }

    private void playToTheEnd(Path file, double speed, boolean rebase) {
        play(file, speed, false, rebase, recordingPacer);
        await().until(() -> !replay.isRunning());
    }

    @Test
    void rowsReachTheSinkInOrderWithTheirFields() throws IOException {
        playToTheEnd(file(
                "timestamp,symbol,price,volume,bid,ask",
                "2024-01-02T14:30:00Z,AAPL,187.5,100,187.4,187.6",
                "1704205801000,MSFT,370.1",
                "2024-01-02T14:30:02Z,AAPL,187.55,,187.5,"), 0, false);

        assertThat(quotes).containsExactly(
                new RawQuote("AAPL", 187.5, 187.4, 187.6, 100, "replay", T0),
                new RawQuote("MSFT", 370.1, null, null, 0, "replay", T0.plusSeconds(1)),
                new RawQuote("AAPL", 187.55, 187.5, null, 0, "replay", T0.plusSeconds(2)));
        assertThat(replay.playedCount()).isEqualTo(3);
        assertThat(replay.passCount()).isEqualTo(1);
        assertThat(status.get("replay").orElseThrow().state()).isEqualTo(ProviderState.UP);
        assertThat(status.get("replay").orElseThrow().quotes()).isEqualTo(3);
    }

    @Test
    void badRowsAreSkippedAndCountedAndTheReplayGoesOn() throws IOException {
        playToTheEnd(file(
                "# recorded on a quiet day",
                "1704205800000,AAPL,187.5",
                "",
                "1704205801000,AAPL,not-a-price",
                "yesterday,AAPL,187.6",
                "1704205802000,AAPL",
                "   # indented comment",
                "1704205803000,AAPL,187.7"), 0, false);

        assertThat(quotes).extracting(RawQuote::price).containsExactly(187.5, 187.7);
        assertThat(replay.badRowCount()).isEqualTo(3);
    }

    @Test
    void asFastAsPossibleEveryRowIsPlayedWithoutWaiting() throws IOException {
        int rows = 5_000;
        String csv = IntStream.range(0, rows).mapToObj(i -> (1704205800000L + i * 1_000L) + ",SYM" + (i % 7) + "," + (100 + i))
                .collect(Collectors.joining("\n"));
        playToTheEnd(Files.writeString(dir.resolve("many.csv"), csv), ReplaySettings.AS_FAST_AS_POSSIBLE, false);

        assertThat(quotes).hasSize(rows);
        assertThat(quotes).extracting(RawQuote::price).isSorted();
        assertThat(waits).isEmpty();
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
    }

    @Test
    void theWaitsAtOneTimesAreWhatTheTimestampsSay() throws IOException {
        playToTheEnd(file("2024-01-02T14:30:00Z,AAPL,1", "2024-01-02T14:30:01Z,AAPL,2", "2024-01-02T14:30:03.500Z,AAPL,3",
                "2024-01-02T15:30:03.500Z,AAPL,4"), 1, false);

        assertThat(waits).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMillis(2_500),
                Duration.ofHours(1));
        assertThat(quotes).extracting(RawQuote::providerTime).containsExactly(T0, T0.plusSeconds(1),
                T0.plusMillis(3_500), T0.plusMillis(3_603_500));
    }

    @Test
    void theWaitsAtTenTimesAreATenthOfWhatTheTimestampsSay() throws IOException {
        playToTheEnd(file("2024-01-02T14:30:00Z,AAPL,1", "2024-01-02T14:30:01Z,AAPL,2", "2024-01-02T14:30:03.500Z,AAPL,3"),
                10, false);

        assertThat(waits).containsExactly(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(250));
    }

    @Test
    void aRebasedReplayPlaysTheFirstRowNowAndFollowsTheClock() throws IOException {
        Instant start = clock.instant();
        playToTheEnd(file("2024-01-02T14:30:00Z,AAPL,1", "2024-01-02T14:30:01Z,AAPL,2", "2024-01-02T14:30:03.500Z,AAPL,3"),
                1, true);

        assertThat(quotes).extracting(RawQuote::providerTime)
                .containsExactly(start, start.plusSeconds(1), start.plusMillis(3_500));
        assertThat(clock.instant()).isEqualTo(start.plusMillis(3_500));
    }

    @Test
    void aLoopingReplayShiftsEachPassForwardSoTimesKeepIncreasing() throws Exception {
        play(file("1704205800000,AAPL,1", "1704205801000,AAPL,2", "1704205802000,AAPL,3"),
                ReplaySettings.AS_FAST_AS_POSSIBLE, true, false, recordingPacer);
        await().until(() -> replay.passCount() >= 3);
        replay.close();

        assertThat(replay.isRunning()).isFalse();
        assertThat(quotes.subList(0, 9)).extracting(RawQuote::providerTime).containsExactly(
                T0, T0.plusSeconds(1), T0.plusSeconds(2),
                T0.plusSeconds(3), T0.plusSeconds(4), T0.plusSeconds(5),
                T0.plusSeconds(6), T0.plusSeconds(7), T0.plusSeconds(8));
        assertThat(quotes).extracting(RawQuote::providerTime).isSortedAccordingTo(Instant::compareTo).doesNotHaveDuplicates();
    }

    @Test
    void closeStopsAReplayThatIsWaitingForItsNextRow() throws Exception {
        play(file("2024-01-02T14:30:00Z,AAPL,1", "2024-01-02T15:30:00Z,AAPL,2"), 1, false, false,
                ReplayPacer.sleeping(clock)); // the real pacer: the next row is an hour away on a clock that stands still
        await().until(() -> quotes.size() == 1);

        replay.close();

        assertThat(replay.isRunning()).isFalse();
        assertThat(quotes).hasSize(1);
    }

    @Test
    void aFileWithoutPlayableRowsIsReportedAndNotLoopedForever() throws IOException {
        play(file("timestamp,symbol,price", "# nothing yet", "oops,AAPL,1"), 0, true, false, recordingPacer);
        await().until(() -> !replay.isRunning());

        assertThat(replay.badRowCount()).isEqualTo(1);
        assertThat(status.get("replay").orElseThrow().state()).isEqualTo(ProviderState.DOWN);
        assertThat(status.get("replay").orElseThrow().message()).contains("no playable rows");
    }

    @Test
    void aMissingFileOrABadSpeedFailsAtConstruction() {
        assertThatThrownBy(() -> new ReplayProvider(new ReplaySettings(dir.resolve("absent.csv"), 1, false, true),
                quotes::add, status, clock)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absent.csv");
        assertThatThrownBy(() -> new ReplaySettings(dir, -1, false, true)).hasMessageContaining("speed");
        assertThatThrownBy(() -> new ReplaySettings(dir, Double.NaN, false, true)).hasMessageContaining("speed");
    }
}
