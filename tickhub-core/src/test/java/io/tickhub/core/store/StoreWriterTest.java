package io.tickhub.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.news.NewsItem;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.QuoteFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoreWriterTest {

    private final MemoryStore store = new MemoryStore();
    private final ManualClock clock = new ManualClock();
    private StoreWriter writer;

    private StoreWriter start(int capacity, int batchSize, Duration shutdownTimeout, int... windows) {
        writer = new StoreWriter(store, new StoreWriterSettings(capacity, batchSize, Duration.ofMillis(1),
                Duration.ofMillis(5), shutdownTimeout, windows), clock);
        writer.start();
        return writer;
    }

    private StoreWriter start() {
        return start(1 << 16, 500, Duration.ofSeconds(10), 5);
    }

    @AfterEach
    void close() {
        store.down(false);
        if (writer != null) {
            writer.close();
        }
    }

    private void publish(String symbol, int count) {
        for (int seq = 1; seq <= count; seq++) {
            writer.onQuote(QuoteFixtures.quote(symbol, seq));
            if (seq % 100 == 0) {
                writer.onBatchEnd();
            }
        }
        writer.onBatchEnd();
    }

    @Test
    void everyQuoteIsWrittenAndTheyGoInBatches() {
        start();
        publish("AAPL", 5_000);

        await().until(() -> writer.status().written() >= 5_000);
        assertThat(store.quoteCount()).isEqualTo(5_000);
        assertThat(store.batches()).isLessThan(5_000);
        assertThat(writer.status().backlog()).isZero();
    }

    @Test
    void closedBarsAreStoredButTheChangesOfOpenOnesAreNot() {
        start();
        Instant start = Instant.parse("2025-01-02T14:30:00Z");
        Bar open = new Bar("AAPL", BarInterval.M1, start, 1, 2, 1, 2, 10, 2, false);
        writer.onBar(open);
        writer.onBar(new Bar("AAPL", BarInterval.M1, start, 1, 3, 1, 3, 20, 3, true));
        writer.onBatchEnd();

        await().until(() -> store.allBars().size() == 1);
        assertThat(store.allBars().getFirst().closed()).isTrue();
    }

    @Test
    void aCheckpointStoresOpenBarsAsTheyAre() {
        start();
        Bar open = new Bar("AAPL", BarInterval.H1, Instant.parse("2025-01-02T14:00:00Z"), 1, 2, 1, 2, 10, 2, false);
        writer.checkpoint(List.of(open));

        await().until(() -> store.allBars().contains(open));
    }

    @Test
    void whileTheDatabaseIsDownRowsWaitAndAreWrittenOnceItIsBack() {
        start();
        store.down(true);
        publish("AAPL", 100);

        await().until(() -> writer.status().failures() >= 3);
        StoreWriterStatus down = writer.status();
        assertThat(down.up()).isFalse();
        assertThat(down.lastError()).contains("connection refused");
        assertThat(down.backlog()).isEqualTo(100);
        assertThat(store.quoteCount()).isZero();

        store.down(false);
        await().until(() -> writer.status().written() == 100);
        assertThat(writer.status().up()).isTrue();
        assertThat(writer.status().lastError()).isNull();
        assertThat(store.quoteCount()).isEqualTo(100);
    }

    @Test
    void theStoredBarrierCompletesOnlyOnceEveryRowBeforeItIsInTheStore() throws Exception {
        start();
        store.down(true);
        publish("AAPL", 300);
        CompletableFuture<Void> stored = writer.stored();
        await().until(() -> writer.status().failures() >= 3);
        assertThat(stored).isNotDone();

        store.down(false);
        stored.get(10, TimeUnit.SECONDS);
        assertThat(store.quoteCount()).isEqualTo(300);
    }

    @Test
    void theStoredBarrierFailsWhenTheRowsBeforeItAreLostAtShutdown() {
        start(1 << 16, 500, Duration.ofMillis(100), 5);
        store.down(true);
        publish("MSFT", 10);
        CompletableFuture<Void> stored = writer.stored();
        writer.close();

        assertThat(stored).isCompletedExceptionally();
        assertThat(writer.stored()).as("after close").isCompletedExceptionally();
    }

    @Test
    void aFullBacklogCountsWhatItRefusesAndEverythingElseIsWritten() {
        start(16, 8, Duration.ofSeconds(10), 5);
        store.down(true);
        publish("AAPL", 100);
        await().until(() -> writer.status().failures() >= 1);

        long overflow = writer.status().overflow();
        assertThat(overflow).isPositive();
        store.down(false);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(writer.status().written() + overflow).as(writer.status().toString()).isEqualTo(100));
        assertThat(store.quoteCount()).isEqualTo(100 - (int) overflow);
    }

    @Test
    void closingWritesEverythingStillQueued() {
        start();
        publish("MSFT", 20_000);
        writer.close();

        assertThat(store.quoteCount()).isEqualTo(20_000);
        assertThat(writer.status().lost()).isZero();
    }

    @Test
    void closingGivesUpOnADeadDatabaseAfterTheShutdownTimeoutAndCountsWhatIsLost() {
        start(1 << 16, 500, Duration.ofMillis(100), 5);
        store.down(true);
        publish("MSFT", 1_000);
        writer.close();

        StoreWriterStatus status = writer.status();
        assertThat(status.lost() + status.written()).isEqualTo(1_000);
        assertThat(status.lost()).isEqualTo(1_000);
        assertThat(status.backlog()).isZero();
    }

    @Test
    void rowsOfferedAfterCloseAreCountedNotQueued() {
        start();
        writer.close();
        writer.onQuote(QuoteFixtures.quote("AAPL", 1));

        assertThat(writer.status().overflow()).isEqualTo(1);
    }

    @Test
    void movingAveragesOfEachWindowAreWrittenWithTheQuotesThatMovedThem() {
        start(1 << 16, 500, Duration.ofSeconds(10), 2, 3);
        for (int i = 1; i <= 4; i++) {
            writer.onQuote(QuoteFixtures.quote("AAPL", i, i));
        }
        writer.onBatchEnd();

        await().until(() -> store.average("AAPL", 2).filter(a -> a.lastSeq() == 4).isPresent());
        assertThat(store.average("AAPL", 2)).contains(new SymbolAverage("AAPL", 2, 3.5, clock.instant(), 4));
        assertThat(store.average("AAPL", 3)).contains(new SymbolAverage("AAPL", 3, 3.0, clock.instant(), 4));
    }

    @Test
    void noAverageIsWrittenBeforeTheWindowIsFull() {
        start(1 << 16, 500, Duration.ofSeconds(10), 5);
        for (int i = 1; i <= 4; i++) {
            writer.onQuote(QuoteFixtures.quote("AAPL", i, i));
        }
        writer.onBatchEnd();

        await().until(() -> store.quoteCount() == 4);
        assertThat(store.average("AAPL", 5)).isEmpty();
    }

    @Test
    void newsAndRawPayloadsAreStored() {
        start();
        NewsItem item = new NewsItem("n1", List.of("AAPL"), "Headline", null, "Wire", null, clock.instant());
        RawPayload payload = new RawPayload("r1", "yfinance", "AAPL", clock.instant(), "application/json", "{}");
        writer.onNews(item);
        writer.submit(payload);

        await().until(() -> store.rawPayload("r1").isPresent() && !store.news(null, 1).isEmpty());
        assertThat(store.news(null, 1)).containsExactly(item);
    }

    @Test
    void quotesOfDifferentSymbolsAreAllKept() {
        start();
        publish("AAPL", 50);
        publish("MSFT", 70);

        await().until(() -> writer.status().written() == 120);
        assertThat(store.lastSeqs()).containsEntry("AAPL", 50L).containsEntry("MSFT", 70L);
        List<Quote> msft = store.newest("MSFT", 100);
        assertThat(msft).hasSize(70);
    }
}
