package io.tickhub.core.ingest;

import static io.tickhub.core.testing.QuoteFixtures.PROVIDER_TIME;
import static io.tickhub.core.testing.QuoteFixtures.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickhub.core.bus.InProcessBus;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.testing.CountingIngestMetrics;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SequencerTest {

    private final ManualClock clock = new ManualClock();
    private final InProcessBus bus = new InProcessBus();
    private final RecordingListener published = new RecordingListener();
    private final CountingIngestMetrics metrics = new CountingIngestMetrics();
    private final Sequencer sequencer = new Sequencer(clock, bus, metrics);

    SequencerTest() {
        bus.subscribe(published);
    }

    @Test
    void seqStartsAtOneAndIncreasesByOnePerAcceptedUpdate() {
        for (int i = 0; i < 5; i++) {
            sequencer.accept(raw("AAPL", 100 + i, PROVIDER_TIME.plusSeconds(i)));
        }

        assertThat(published.seqsOf("AAPL")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(sequencer.lastSeq("AAPL")).isEqualTo(5);
        assertThat(metrics.accepted()).isEqualTo(5);
    }

    @Test
    void everyPublishedQuoteWasJournaledFirstAndAQuoteTheJournalRefusesIsNeitherPublishedNorNumbered() {
        java.util.List<Quote> journaled = new java.util.ArrayList<>();
        boolean[] diskFull = {false};
        java.util.List<RuntimeException> failures = new java.util.ArrayList<>();
        QuoteJournal journal = q -> {
            if (diskFull[0]) {
                throw new IllegalStateException("no space left on device");
            }
            assertThat(published.quotes()).doesNotContain(q); // journaled before anyone sees it
            journaled.add(q);
        };
        Sequencer journaling = new Sequencer(clock, bus, metrics, FeedGate.OPEN, journal, failures::add);

        journaling.accept(raw("AAPL", 100, PROVIDER_TIME));
        diskFull[0] = true;
        assertThat(journaling.accept(raw("AAPL", 101, PROVIDER_TIME.plusSeconds(1)))).isNull();
        diskFull[0] = false;
        journaling.accept(raw("AAPL", 102, PROVIDER_TIME.plusSeconds(2)));

        assertThat(published.quotes()).isEqualTo(journaled);
        assertThat(published.seqsOf("AAPL")).containsExactly(1L, 2L);
        assertThat(published.quotes()).extracting(Quote::price).containsExactly(100.0, 102.0);
        assertThat(metrics.rejected(RejectReason.JOURNAL_FAILED)).isEqualTo(1);
        assertThat(failures).hasSize(1);
    }

    @Test
    void hubTimesContinueAfterTheRestoredOneWhenTheClockSteppedBack() {
        Instant restored = clock.instant().plusSeconds(60);
        sequencer.continueHubTimeAfter(restored);

        Quote q = sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));

        assertThat(q.hubTime()).isAfter(restored);
    }

    @Test
    void hubTimesAreUniqueAndIncreasingAcrossSymbolsEvenWithinOneMicrosecond() {
        sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));
        sequencer.accept(raw("MSFT", 400, PROVIDER_TIME));
        sequencer.accept(raw("AAPL", 101, PROVIDER_TIME.plusSeconds(1)));
        clock.advance(java.time.Duration.ofSeconds(1));
        sequencer.accept(raw("NVDA", 900, PROVIDER_TIME));

        assertThat(published.quotes()).extracting(q -> q.hubTimeMicros() - published.quotes().getFirst().hubTimeMicros())
                .containsExactly(0L, 1L, 2L, 1_000_000L);
    }

    @Test
    void eachSymbolHasItsOwnSeq() {
        sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));
        sequencer.accept(raw("MSFT", 400, PROVIDER_TIME));
        sequencer.accept(raw("AAPL", 101, PROVIDER_TIME.plusSeconds(1)));
        sequencer.accept(raw("MSFT", 401, PROVIDER_TIME.plusSeconds(1)));
        sequencer.accept(raw("AAPL", 102, PROVIDER_TIME.plusSeconds(2)));

        assertThat(published.seqsOf("AAPL")).containsExactly(1L, 2L, 3L);
        assertThat(published.seqsOf("MSFT")).containsExactly(1L, 2L);
        assertThat(sequencer.lastSeq("MSFT")).isEqualTo(2);
        assertThat(sequencer.lastSeq("NVDA")).isZero();
    }

    @Test
    void acceptedQuoteIsReturnedAndPublishedWithTheProviderValues() {
        Instant providerTime = Instant.parse("2025-01-02T14:29:58.25Z");

        Quote quote = sequencer.accept(new RawQuote("AAPL", 228.5, 228.49, 228.51, 300, "yfinance", providerTime));

        assertThat(quote).isNotNull();
        assertThat(published.quotes()).containsExactly(quote);
        assertThat(quote.price()).isEqualTo(228.5);
        assertThat(quote.bid()).isEqualTo(228.49);
        assertThat(quote.ask()).isEqualTo(228.51);
        assertThat(quote.volume()).isEqualTo(300);
        assertThat(quote.provider()).isEqualTo("yfinance");
        assertThat(quote.providerTime()).isEqualTo(providerTime);
        assertThat(metrics.acceptedFrom("yfinance")).isEqualTo(1);
    }

    @Test
    void symbolIsTrimmedAndUpperCased() {
        sequencer.accept(raw(" aapl ", 100, PROVIDER_TIME));
        sequencer.accept(raw("AAPL", 101, PROVIDER_TIME));

        assertThat(published.quotes()).extracting(Quote::symbol).containsExactly("AAPL", "AAPL");
        assertThat(published.seqsOf("AAPL")).containsExactly(1L, 2L);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "BAD SYMBOL", "a/b", "'; DROP TABLE", ".DOT", "THIS_SYMBOL_IS_FAR_TOO_LONG_TO_BE_REAL"})
    void invalidSymbolIsRejectedWithoutConsumingASeq(String symbol) {
        sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));

        assertThat(sequencer.accept(raw(symbol, 100, PROVIDER_TIME.plusSeconds(1)))).isNull();

        assertThat(metrics.rejected(RejectReason.INVALID_SYMBOL)).isEqualTo(1);
        assertThat(metrics.rejectedFrom("test")).isEqualTo(1);
        assertThat(published.count()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void invalidPriceIsRejectedWithoutConsumingASeq(double price) {
        sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));

        assertThat(sequencer.accept(raw("AAPL", price, PROVIDER_TIME.plusSeconds(1)))).isNull();
        sequencer.accept(raw("AAPL", 101, PROVIDER_TIME.plusSeconds(2)));

        assertThat(metrics.rejected(RejectReason.INVALID_PRICE)).isEqualTo(1);
        assertThat(metrics.rejected()).isEqualTo(1);
        assertThat(published.seqsOf("AAPL")).containsExactly(1L, 2L);
        assertThat(published.quotes()).extracting(Quote::price).containsExactly(100.0, 101.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, -0.001, Double.NaN, Double.POSITIVE_INFINITY})
    void invalidVolumeIsRejectedWithoutConsumingASeq(double volume) {
        sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));

        RawQuote bad = new RawQuote("AAPL", 101, null, null, volume, "test", PROVIDER_TIME.plusSeconds(1));
        assertThat(sequencer.accept(bad)).isNull();
        sequencer.accept(raw("AAPL", 102, PROVIDER_TIME.plusSeconds(2)));

        assertThat(metrics.rejected(RejectReason.INVALID_VOLUME)).isEqualTo(1);
        assertThat(published.seqsOf("AAPL")).containsExactly(1L, 2L);
    }

    @Test
    void zeroVolumeIsAccepted() {
        assertThat(sequencer.accept(new RawQuote("AAPL", 100, null, null, 0, "test", PROVIDER_TIME))).isNotNull();
    }

    @Test
    void repeatedObservationFromTheSameProviderIsADuplicate() {
        RawQuote observation = new RawQuote("AAPL", 228.5, 228.4, 228.6, 300, "yfinance", PROVIDER_TIME);
        sequencer.accept(observation);

        assertThat(sequencer.accept(observation)).isNull();
        assertThat(sequencer.accept(new RawQuote(" aapl", 228.5, 228.3, 228.7, 300, "yfinance", PROVIDER_TIME)))
                .as("bid/ask are not part of the repeat check; symbol is compared normalised")
                .isNull();

        assertThat(metrics.rejected(RejectReason.DUPLICATE)).isEqualTo(2);
        assertThat(published.seqsOf("AAPL")).containsExactly(1L);
        assertThat(sequencer.lastSeq("AAPL")).isEqualTo(1);
    }

    @Test
    void sameValuesFromAnotherProviderOrTimeAreNewUpdates() {
        sequencer.accept(new RawQuote("AAPL", 228.5, null, null, 300, "yfinance", PROVIDER_TIME));

        assertThat(sequencer.accept(new RawQuote("AAPL", 228.5, null, null, 300, "finnhub", PROVIDER_TIME))).isNotNull();
        assertThat(sequencer.accept(new RawQuote("AAPL", 228.5, null, null, 300, "finnhub",
                PROVIDER_TIME.plusMillis(1)))).isNotNull();

        assertThat(published.seqsOf("AAPL")).containsExactly(1L, 2L, 3L);
        assertThat(metrics.rejected()).isZero();
    }

    @Test
    void sameTimeWithAnotherPriceOrVolumeIsANewUpdate() {
        sequencer.accept(new RawQuote("AAPL", 228.5, null, null, 300, "yfinance", PROVIDER_TIME));

        assertThat(sequencer.accept(new RawQuote("AAPL", 228.6, null, null, 300, "yfinance", PROVIDER_TIME))).isNotNull();
        assertThat(sequencer.accept(new RawQuote("AAPL", 228.6, null, null, 400, "yfinance", PROVIDER_TIME))).isNotNull();

        assertThat(published.seqsOf("AAPL")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void sameObservationForAnotherSymbolIsNotADuplicate() {
        sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));

        assertThat(sequencer.accept(raw("MSFT", 100, PROVIDER_TIME))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void unusableBidAndAskBecomeNull(double side) {
        Quote quote = sequencer.accept(new RawQuote("AAPL", 100, side, side, 0, "test", PROVIDER_TIME));

        assertThat(quote).isNotNull();
        assertThat(quote.bid()).isNull();
        assertThat(quote.ask()).isNull();
        assertThat(quote.price()).isEqualTo(100);
    }

    @Test
    void missingBidAndAskStayNull() {
        Quote quote = sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));

        assertThat(quote.bid()).isNull();
        assertThat(quote.ask()).isNull();
    }

    @Test
    void hubTimeComesFromTheClock() {
        clock.set(Instant.parse("2025-06-01T10:00:00Z"));
        Quote first = sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));
        clock.advance(Duration.ofMillis(250));
        Quote second = sequencer.accept(raw("AAPL", 101, PROVIDER_TIME));

        assertThat(first.hubTime()).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
        assertThat(second.hubTime()).isEqualTo(Instant.parse("2025-06-01T10:00:00.250Z"));
        assertThat(second.providerTime()).isEqualTo(PROVIDER_TIME);
    }

    @Test
    void hubTimeIsStampedAtMicrosecondPrecision() {
        clock.set(Instant.parse("2025-06-01T10:00:00.123456789Z"));

        Quote quote = sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));

        assertThat(quote.hubTime()).isEqualTo(Instant.parse("2025-06-01T10:00:00.123456Z"));
        assertThat(quote.hubTimeMicros()).isEqualTo(quote.hubTime().getEpochSecond() * 1_000_000 + 123_456);
    }

    @Test
    void resumeAfterContinuesNumbering() {
        sequencer.resumeAfter(" aapl", 41);

        sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));

        assertThat(published.seqsOf("AAPL")).containsExactly(42L);
        assertThat(sequencer.lastSeq("AAPL")).isEqualTo(42);
    }

    @Test
    void resumeAfterNeverMovesNumberingBackwards() {
        for (int i = 0; i < 3; i++) {
            sequencer.accept(raw("AAPL", 100 + i, PROVIDER_TIME));
        }

        sequencer.resumeAfter("AAPL", 1);
        sequencer.accept(raw("AAPL", 200, PROVIDER_TIME));

        assertThat(published.seqsOf("AAPL")).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void endOfBatchReachesBusListeners() {
        sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));

        sequencer.endOfBatch();

        assertThat(published.batchEnds()).isEqualTo(1);
        assertThat(published.unflushedQuotes()).isZero();
    }

    @Test
    void quoteTheSequencerCannotBuildDoesNotConsumeASeq() {
        sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));
        RawQuote noTime = RawQuote.lastPrice("AAPL", 101, "test", null);

        assertThatThrownBy(() -> sequencer.accept(noTime)).isInstanceOf(NullPointerException.class);
        sequencer.accept(raw("AAPL", 102, PROVIDER_TIME));

        assertThat(published.seqsOf("AAPL")).containsExactly(1L, 2L);
    }

    @Test
    void aStandbysQuoteIsDroppedWithoutASeqAndTakenOnceItsProviderServes() {
        java.util.concurrent.atomic.AtomicBoolean serving = new java.util.concurrent.atomic.AtomicBoolean(false);
        Sequencer gated = new Sequencer(clock, bus, metrics, (symbol, provider) -> serving.get());
        RawQuote standby = RawQuote.lastPrice("AAPL", 190.0, "yfinance", PROVIDER_TIME);

        assertThat(gated.accept(standby)).isNull();
        assertThat(metrics.rejected(RejectReason.STANDBY)).isEqualTo(1);
        assertThat(gated.lastSeq("AAPL")).isZero();

        serving.set(true); // the preferred provider went stale: the same observation is now the news
        Quote taken = gated.accept(standby);

        assertThat(taken.seq()).isEqualTo(1);
        assertThat(metrics.rejected(RejectReason.DUPLICATE)).isZero();
    }

    @Test
    void theRawPayloadIdTravelsWithTheQuote() {
        Quote q = sequencer.accept(RawQuote.lastPrice("AAPL", 190.0, "yfinance", PROVIDER_TIME).withRawId("yf-1"));

        assertThat(q.rawId()).isEqualTo("yf-1");
    }
}
