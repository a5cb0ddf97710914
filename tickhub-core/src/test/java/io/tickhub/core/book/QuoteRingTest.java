package io.tickhub.core.book;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.quote.Quote;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class QuoteRingTest {

    @Test
    void aQuoteReadBackEqualsTheQuotePutWithNoBidAskOrRawIdAndNanosecondTimes() {
        QuoteRing ring = new QuoteRing("MSFT", 8, 1);
        Quote bare = new Quote("MSFT", 412.5, null, null, 0, "finnhub", Instant.parse("2026-12-04T15:00:00.123456789Z"),
                Instant.parse("2026-12-04T15:00:00.2Z"), 1);
        Quote full = new Quote("MSFT", 412.75, 412.7, 412.8, 300, "yfinance", Instant.ofEpochSecond(1, 5),
                Instant.ofEpochSecond(2, 999_999_999), 2, "raw-17");
        ring.put(bare);
        ring.put(full);

        assertThat(ring.get(1)).isEqualTo(bare);
        assertThat(ring.get(1).bid()).isNull();
        assertThat(ring.get(2)).isEqualTo(full);
        assertThat(ring.get(3)).isNull();
    }

    @Test
    void aSymbolThatTickedOnceReservesSixteenSlotsNotTheCapacity() {
        QuoteRing ring = new QuoteRing("AAPL", 1000, 1);
        ring.put(quote("AAPL", 1));

        assertThat(ring.length()).isEqualTo(16);
    }

    @Test
    void theSlotsGrowAsSeqsAdvanceAndKeepEverySeqUpToTheCapacity() {
        QuoteRing ring = new QuoteRing("AAPL", 1000, 1);
        for (long seq = 1; seq <= 1000; seq++) {
            ring.put(quote("AAPL", seq));
        }

        assertThat(ring.length()).isEqualTo(1000);
        assertThat(LongStream.rangeClosed(1, 1000).mapToObj(ring::get)).allSatisfy(q -> assertThat(q).isNotNull());
        assertThat(ring.get(500)).isEqualTo(quote("AAPL", 500));

        ring.put(quote("AAPL", 1001));
        assertThat(ring.get(1)).as("lapped by 1001").isNull();
        assertThat(ring.get(2)).isEqualTo(quote("AAPL", 2));
    }

    @Test
    void aGapPastTheSlotsGrowsThemAtOnceAndKeepsWhatCameBefore() {
        QuoteRing ring = new QuoteRing("AAPL", 1000, 5);
        ring.put(quote("AAPL", 5));
        ring.put(quote("AAPL", 6));
        ring.put(quote("AAPL", 600)); // an upstream gap: 594 seqs never came

        assertThat(ring.length()).isEqualTo(1000);
        assertThat(ring.get(5)).isEqualTo(quote("AAPL", 5));
        assertThat(ring.get(6)).isEqualTo(quote("AAPL", 6));
        assertThat(ring.get(600)).isEqualTo(quote("AAPL", 600));
        assertThat(ring.get(7)).isNull();
    }

    @Test
    void aRingSmallerThanSixteenNeverGrows() {
        QuoteRing ring = new QuoteRing("AAPL", 3, 1);
        for (long seq = 1; seq <= 10; seq++) {
            ring.put(quote("AAPL", seq));
        }

        assertThat(ring.length()).isEqualTo(3);
        assertThat(ring.get(7)).isNull();
        assertThat(ring.get(8)).isEqualTo(quote("AAPL", 8));
        assertThat(ring.get(10)).isEqualTo(quote("AAPL", 10));
    }
}
