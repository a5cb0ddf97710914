package io.tickhub.core.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickhub.core.quote.Quote;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class QuoteCodecTest {

    private static final Instant PROVIDER_TIME = Instant.parse("2025-01-02T14:29:59.123456789Z");
    private static final Instant HUB_TIME = Instant.parse("2025-01-02T14:30:00.654321Z");

    @Test
    void everyFieldSurvivesIncludingNullsHugeSeqsAndNanos() {
        for (Quote quote : new Quote[] {
                new Quote("AAPL", 228.57, 228.56, 228.58, 300, "simulator", PROVIDER_TIME, HUB_TIME, 1),
                new Quote("BINANCE:BTCUSDT", 97_123.456789, null, null, 0.00123, "finnhub", Instant.EPOCH, HUB_TIME,
                        9_007_199_254_740_993L, "raw-7"),
                new Quote("^GSPC", Double.MIN_VALUE, null, 0.02, 1e300, "alpha_vantage", PROVIDER_TIME, HUB_TIME, Long.MAX_VALUE)}) {
            assertThat(QuoteCodec.decode(QuoteCodec.encode(quote))).isEqualTo(quote);
        }
    }

    @Property(tries = 300)
    void anyQuoteRoundTrips(@ForAll @AlphaChars @StringLength(min = 1, max = 32) String symbol,
                            @ForAll @DoubleRange(min = 0.01, max = 1e9) @Scale(6) double price,
                            @ForAll @LongRange(min = 1) long seq,
                            @ForAll boolean withBid) {
        Quote quote = new Quote(symbol, price, withBid ? price * 0.999 : null, null, 7, "p", PROVIDER_TIME, HUB_TIME, seq);
        assertThat(QuoteCodec.decode(QuoteCodec.encode(quote))).isEqualTo(quote);
    }

    @Test
    void bytesThatAreNotAQuoteAreRefusedClearly() {
        byte[] good = QuoteCodec.encode(new Quote("AAPL", 1, null, null, 0, "p", PROVIDER_TIME, HUB_TIME, 1));
        byte[] otherVersion = good.clone();
        otherVersion[0] = 9;
        assertThatThrownBy(() -> QuoteCodec.decode(otherVersion))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown quote encoding version 9");
        assertThatThrownBy(() -> QuoteCodec.decode(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an encoded quote");
        assertThatThrownBy(() -> QuoteCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
