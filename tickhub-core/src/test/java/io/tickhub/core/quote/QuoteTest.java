package io.tickhub.core.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuoteTest {

    private static final Instant T = Instant.parse("2025-01-02T14:30:00.123456789Z");

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
}
