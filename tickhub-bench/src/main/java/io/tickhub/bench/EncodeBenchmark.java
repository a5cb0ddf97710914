package io.tickhub.bench;

import io.tickhub.core.fanout.MarketEncoder;
import io.tickhub.core.fanout.WireFormat;
import io.tickhub.core.quote.Instrument;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.Quote;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding one update in each wire format (done once per update and format, whatever the number
 * of subscribers). Run: {@code java -jar tickhub-bench/target/benchmarks.jar Encode}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncodeBenchmark {

    @Param({"NATIVE", "COMPACT", "PRICE_SYSTEM", "TICKER_HUB", "SSE"})
    WireFormat format;

    private MarketEncoder encoder;
    private Quote quote;
    private long seq;

    @Setup
    public void setUp() {
        InstrumentRegistry instruments = new InstrumentRegistry();
        instruments.register(new Instrument("AAPL", "Apple Inc.", "USD", "NASDAQ"));
        encoder = new MarketEncoder(instruments, io.tickhub.core.journal.StreamEpoch.fresh());
        Instant now = Instant.parse("2026-01-02T14:30:00.123456Z");
        quote = new Quote("AAPL", 230.27, 230.21, 230.33, 8700, "simulator", now, now, 1);
    }

    @Benchmark
    public byte[] live() {
        // A new seq each time, as in real traffic (the encoder has no cache to hit).
        Quote next = new Quote(quote.symbol(), quote.price(), quote.bid(), quote.ask(), quote.volume(),
                quote.provider(), quote.providerTime(), quote.hubTime(), ++seq);
        return encoder.live(format, next, 229.5);
    }
}
