package io.tickhub.core.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A quote keeps primitives inside (one object per quote in the book's rings) and gives back what it was given. */
class QuoteTest {

    private static final Instant T = Instant.parse("2025-01-02T14:30:00.123456789Z");
    private static final Instant PROVIDER = Instant.parse("2026-12-05T14:30:00.123456789Z");
    private static final Instant HUB = Instant.parse("2026-12-05T14:30:00.200300Z");

    @Test
    void seqBelowOneIsRefused() {
        assertThatThrownBy(() -> new Quote("AAPL", 1, null, null, 0, "p", T, T, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seq");
    }

    @Test
    void requiredFieldsAreNamedWhenMissing() {
        assertThatThrownBy(() -> new Quote(null, 1, null, null, 0, "p", T, T, 1)).hasMessage("symbol");
        assertThatThrownBy(() -> new Quote("AAPL", 1, null, null, 0, null, T, T, 1)).hasMessage("provider");
        assertThatThrownBy(() -> new Quote("AAPL", 1, null, null, 0, "p", null, T, 1)).hasMessage("providerTime");
        assertThatThrownBy(() -> new Quote("AAPL", 1, null, null, 0, "p", T, null, 1)).hasMessage("hubTime");
    }

    @Test
    void hubTimeMicrosTruncatesToTheMicrosecond() {
        Quote quote = new Quote("AAPL", 1, null, null, 0, "p", T, T, 1);

        assertThat(quote.hubTimeMicros()).isEqualTo(1_735_828_200_123_456L);
    }

    @Test
    void hubTimeMicrosBeforeTheEpochRoundsDown() {
        Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999Z");
        Quote quote = new Quote("AAPL", 1, null, null, 0, "p", beforeEpoch, beforeEpoch, 1);

        assertThat(quote.hubTimeMicros()).isEqualTo(-1L);
    }

    @Test
    void lastPriceObservationHasNoBidAskOrVolume() {
        RawQuote raw = RawQuote.lastPrice("aapl", 228.5, "yfinance", T);

        assertThat(raw).isEqualTo(new RawQuote("aapl", 228.5, null, null, 0, "yfinance", T));
    }

    @Test
    void givesBackEveryComponentAsGivenTimesToTheNanosecond() {
        Quote q = new Quote("AAPL", 190.25, 190.2, 190.3, 300, "yfinance", PROVIDER, HUB, 7, "raw-1");

        assertThat(q.symbol()).isEqualTo("AAPL");
        assertThat(q.price()).isEqualTo(190.25);
        assertThat(q.bid()).isEqualTo(190.2);
        assertThat(q.ask()).isEqualTo(190.3);
        assertThat(q.volume()).isEqualTo(300);
        assertThat(q.provider()).isEqualTo("yfinance");
        assertThat(q.providerTime()).isEqualTo(PROVIDER);
        assertThat(q.hubTime()).isEqualTo(HUB);
        assertThat(q.hubTimeMicros()).isEqualTo(Timestamps.micros(HUB));
        assertThat(q.seq()).isEqualTo(7);
        assertThat(q.rawId()).isEqualTo("raw-1");
    }

    @Test
    void anAbsentBidOrAskIsNullAndANaNOneReadsAsAbsent() {
        Quote absent = new Quote("AAPL", 190.25, null, null, 300, "simulator", PROVIDER, HUB, 1);
        Quote nan = new Quote("AAPL", 190.25, Double.NaN, Double.NaN, 300, "simulator", PROVIDER, HUB, 1);

        assertThat(absent.bid()).isNull();
        assertThat(absent.ask()).isNull();
        assertThat(nan).isEqualTo(absent);
        assertThat(absent.toString()).contains("bid=null");
    }

    @Test
    void equalQuotesAreEqualAndHashAlikeAndAnyDifferenceTells() {
        Quote a = new Quote("AAPL", 190.25, 190.2, null, 300, "yfinance", PROVIDER, HUB, 7);
        Quote b = new Quote("AAPL", 190.25, 190.2, null, 300, "yfinance", PROVIDER, HUB, 7);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Quote("AAPL", 190.25, 190.2, null, 300, "yfinance", PROVIDER, HUB, 8));
        assertThat(a).isNotEqualTo(new Quote("AAPL", 190.25, 190.2, 190.3, 300, "yfinance", PROVIDER, HUB, 7));
        assertThat(a).isNotEqualTo(new Quote("AAPL", 190.25, 190.2, null, 300, "yfinance", PROVIDER.plusNanos(1), HUB, 7));
    }
}
