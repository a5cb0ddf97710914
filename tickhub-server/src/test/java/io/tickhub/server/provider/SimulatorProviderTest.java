package io.tickhub.server.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.provider.ProviderState;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.sim.PriceModel;
import io.tickhub.core.sim.SimulatedMarket;
import io.tickhub.core.sim.SimulatorSettings;
import io.tickhub.core.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator provider's lifecycle; ticks are driven by the test, never by waiting. */
class SimulatorProviderTest {

    private final ManualClock clock = new ManualClock();
    private final List<RawQuote> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failNext = new AtomicBoolean();
    private final InstrumentRegistry instruments = new InstrumentRegistry();
    private final ProviderStatusBoard status = new ProviderStatusBoard(clock);
    private final SimulatorProvider provider = new SimulatorProvider(
            new SimulatedMarket(new SimulatorSettings(3, List.of("aapl"), Duration.ofHours(1), 1.0, 50, 200,
                    PriceModel.RANDOM_WALK, 0.2, 0, 5, 7L), clock),
            Duration.ofHours(1),
            false,
            quote -> {
                if (failNext.getAndSet(false)) {
                    throw new IllegalStateException("sink refused");
                }
                received.add(quote);
            },
            instruments, status);

    @AfterEach
    void stop() throws InterruptedException {
        provider.close();
    }

    @Test
    void openingPricesAndInstrumentsArePublishedBeforeStartReturns() throws Exception {
        provider.start();

        assertThat(received).extracting(RawQuote::symbol).containsExactly("ITEM_00", "ITEM_01", "ITEM_02", "AAPL");
        assertThat(instruments.describe("AAPL").name()).isEqualTo("Apple Inc.");
        assertThat(status.get("simulator").orElseThrow().state()).isEqualTo(ProviderState.UP);
        assertThat(provider.isRunning()).isTrue();
        assertThat(provider.submittedCount()).isEqualTo(4);
    }

    @Test
    void aFailedTickIsReportedAndTheNextTickRecovers() throws Exception {
        provider.start();

        failNext.set(true);
        provider.tick();
        assertThat(status.get("simulator").orElseThrow().state()).isEqualTo(ProviderState.DOWN);
        assertThat(status.get("simulator").orElseThrow().message()).contains("sink refused");

        provider.tick();
        assertThat(status.get("simulator").orElseThrow().state()).isEqualTo(ProviderState.UP);
        // Opening 4; the failed tick stopped at its first (refused) quote; the next tick sent all 4.
        assertThat(received).hasSize(4 + 4);
    }

    @Test
    void closeStopsTheSchedule() throws Exception {
        provider.start();
        provider.close();
        assertThat(provider.isRunning()).isFalse();
    }

    @Test
    void spreadPacingMovesEverySymbolOnceOverTheSlicesOfAnInterval() throws Exception {
        provider.start();
        received.clear();
        SimulatorProvider spread = new SimulatorProvider(
                new SimulatedMarket(new SimulatorSettings(10, List.of(), Duration.ofHours(1), 1.0, 50, 200,
                        PriceModel.RANDOM_WALK, 0.2, 0, 5, 7L), clock),
                Duration.ofHours(1), true, received::add, instruments, status); // slices of 6 min: only the test ticks
        try {
            spread.start(); // publishes the 10 opening quotes
            received.clear();
            assertThat(SimulatorProvider.slicesFor(10, Duration.ofHours(1))).isEqualTo(10);
            for (int i = 0; i < 10; i++) {
                spread.tickNextSlice();
            }
            assertThat(received).extracting(RawQuote::symbol).containsExactlyInAnyOrder(
                    "ITEM_00", "ITEM_01", "ITEM_02", "ITEM_03", "ITEM_04", "ITEM_05", "ITEM_06", "ITEM_07", "ITEM_08",
                    "ITEM_09");
        } finally {
            spread.close();
        }
    }

    @Test
    void runsMoreThanAnIntervalLateAreSkippedNotSentInABurstAndTheScheduleResumes() throws Exception {
        provider.start(); // one burst an hour; the test passes the time of each run
        received.clear();
        long hour = Duration.ofHours(1).toNanos();
        long firstDue = System.nanoTime() + hour; // as start() set it, within the test's own time

        // The core was busy for three hours: the executor runs the three missed runs back to back.
        long late = firstDue + 3 * hour + 1;
        provider.runDue(late, provider::tick);
        provider.runDue(late, provider::tick);
        provider.runDue(late, provider::tick);
        assertThat(received).as("stale runs skipped").isEmpty();
        assertThat(provider.skippedCount()).as("due 1, 2 and 3 hours after the start: each over an hour late").isEqualTo(3);

        provider.runDue(firstDue + 3 * hour + Duration.ofMillis(5).toNanos(), provider::tick); // due at +3h: on time
        assertThat(received).hasSize(4);
        assertThat(provider.skippedCount()).isEqualTo(3);
    }

    @Test
    void aSpreadMarketRunLessThanTheLatenessFloorBehindIsCaughtUpNotSkipped() throws Exception {
        SimulatorProvider spread = new SimulatorProvider(
                new SimulatedMarket(new SimulatorSettings(10, List.of(), Duration.ofMillis(10), 1.0, 50, 200,
                        PriceModel.RANDOM_WALK, 0.2, 0, 5, 7L), clock),
                Duration.ofMillis(10), true, received::add, instruments, status);
        try {
            spread.start();
            spread.close(); // the test runs the slices itself
            received.clear();
            long start = System.nanoTime();
            // 50 ms late: five intervals of 10 ms, but under the 100 ms floor, so caught up (a GC pause, say).
            spread.runDue(start + Duration.ofMillis(51).toNanos(), spread::tickNextSlice);
            assertThat(received).hasSize(1);
            // 300 ms late: skipped.
            spread.runDue(start + Duration.ofMillis(301).toNanos(), spread::tickNextSlice);
            assertThat(received).hasSize(1);
            assertThat(spread.skippedCount()).isEqualTo(1);
        } finally {
            spread.close();
        }
    }

    @Test
    void slicesAreNeverShorterThanAMillisecondNorMoreThanTheSymbols() {
        assertThat(SimulatorProvider.slicesFor(500, Duration.ofMillis(33))).isEqualTo(33);
        assertThat(SimulatorProvider.slicesFor(15, Duration.ofSeconds(1))).isEqualTo(15);
        assertThat(SimulatorProvider.slicesFor(500, Duration.ofNanos(100))).isEqualTo(1);
    }
}
