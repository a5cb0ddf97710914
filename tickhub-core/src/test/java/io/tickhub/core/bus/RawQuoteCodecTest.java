package io.tickhub.core.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickhub.core.quote.RawQuote;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class RawQuoteCodecTest {

    private static final Instant PROVIDER_TIME = Instant.parse("2025-01-02T14:29:59.123456789Z");

    @Test
    void everyFieldSurvivesIncludingNullsNanosAndTheProvidersOwnSpelling() {
        for (RawQuote quote : new RawQuote[] {
                new RawQuote("aapl", 228.57, 228.56, 228.58, 300, "simulator", PROVIDER_TIME),
                new RawQuote("BINANCE:BTCUSDT", 97_123.456789, null, null, 0.00123, "finnhub_stream", Instant.EPOCH,
                        "raw-01JH7Q-7"),
                new RawQuote("^GSPC", Double.MIN_VALUE, null, 0.02, 1e300, "alpha_vantage",
                        Instant.ofEpochSecond(-62_135_596_800L, 1), null),
                new RawQuote("BRK.B", 0.1 + 0.2, -0.0, Double.MAX_VALUE, 0, "yfinance", null, "")}) {
            assertThat(RawQuoteCodec.decode(RawQuoteCodec.encode(quote))).isEqualTo(quote);
        }
    }

    @Test
    void doublesComeBackBitForBitEvenNonFiniteOnes() {
        double oddNan = Double.longBitsToDouble(0x7ff8_0000_0000_0abcL);
        RawQuote quote = new RawQuote("X", oddNan, Double.NEGATIVE_INFINITY, -0.0, Double.POSITIVE_INFINITY, "p",
                PROVIDER_TIME);

        RawQuote back = RawQuoteCodec.decode(RawQuoteCodec.encode(quote));

        assertThat(Double.doubleToRawLongBits(back.price())).isEqualTo(0x7ff8_0000_0000_0abcL);
        assertThat(back.bid()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Double.doubleToRawLongBits(back.ask())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.volume()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Property(tries = 500)
    void anyQuoteRoundTrips(@ForAll @StringLength(min = 1, max = 40) String symbol,
                            @ForAll double price, @ForAll Double bid, @ForAll double volume,
                            @ForAll @StringLength(max = 20) String provider,
                            @ForAll long epochSecond, @ForAll boolean withRawId) {
        Instant time = Instant.ofEpochSecond(Math.floorMod(epochSecond, 400_000_000_000L) - 200_000_000_000L,
                Math.floorMod(epochSecond, 1_000_000_000));
        RawQuote quote = new RawQuote(symbol, price, bid, null, volume, provider, time, withRawId ? symbol + "-raw" : null);

        assertThat(RawQuoteCodec.decode(RawQuoteCodec.encode(quote))).isEqualTo(quote);
    }

    @Test
    void bytesThatAreNotARawQuoteAreRefusedClearly() {
        byte[] good = RawQuoteCodec.encode(new RawQuote("AAPL", 1, null, null, 0, "p", PROVIDER_TIME, "r1"));
        byte[] otherVersion = good.clone();
        otherVersion[0] = 9;
        assertThatThrownBy(() -> RawQuoteCodec.decode(otherVersion))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown raw quote encoding version 9");
        assertThatThrownBy(() -> RawQuoteCodec.decode(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an encoded raw quote");
        assertThatThrownBy(() -> RawQuoteCodec.decode(Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes after the quote");
        assertThatThrownBy(() -> RawQuoteCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
