package io.tickhub.bench;

import io.tickhub.core.book.Book;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.fanout.FanOutMetrics;
import io.tickhub.core.fanout.FrameSink;
import io.tickhub.core.fanout.MarketEncoder;
import io.tickhub.core.fanout.StreamContext;
import io.tickhub.core.fanout.StreamSettings;
import io.tickhub.core.fanout.SymbolInterest;
import io.tickhub.core.fanout.WireFormat;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.Quote;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fan-out path for one bus batch of updates: book apply, encode once, offer to every
 * subscriber's queue, then each subscriber's drain writes and flushes (to a sink that only counts
 * bytes, on the calling thread). Reported per delivered message, so it is comparable with the
 * harness's CPU µs per message minus the network. Run:
 * {@code java -jar tickhub-bench/target/benchmarks.jar FanOut}. With {@code frozenOnEverySymbol} > 0 that
 * many more connections take every symbol ({@code *}) and never read (their socket is never
 * writable): after their first {@code buffer-messages} updates they are conflated, so the difference
 * per update against 0, divided by their count, is what one slow client costs the bus thread per update.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanOutBenchmark {

    /** Updates per bus batch. */
    static final int BATCH = 50;

    @Param({"20"})
    int subscribersPerSymbol;

    @Param({"500"})
    int symbols;

    @Param({"COMPACT", "NATIVE"})
    WireFormat format;

    @Param({"0"})
    int frozenOnEverySymbol;

    private Book book;
    private FanOut fanOut;
    private String[] names;
    private long[] seqs;
    private int next;
    private final Instant now = Instant.parse("2026-01-02T14:30:00Z");
    private CountingSink sink;

    /** A socket that takes everything at once, or (frozen) nothing ever. */
    static final class CountingSink implements FrameSink {
        private final boolean writable;
        long bytes;
        long flushes;

        CountingSink(boolean writable) {
            this.writable = writable;
        }

        @Override
        public boolean isWritable() {
            return writable;
        }

        @Override
        public void write(byte[] utf8) {
            bytes += utf8.length;
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void ping() {
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    @Setup
    public void setUp() {
        book = new Book(64);
        MarketEncoder encoder = new MarketEncoder(new InstrumentRegistry(), io.tickhub.core.journal.StreamEpoch.fresh());
        fanOut = new FanOut(book, encoder, SymbolInterest.NONE);
        // The default settings, but for a slow-consumer timeout no run reaches: the frozen clients stay conflated.
        StreamSettings defaults = StreamSettings.defaults();
        StreamSettings settings = new StreamSettings(defaults.bufferMessages(), java.time.Duration.ofHours(1),
                defaults.heartbeatInterval(), defaults.maxSymbols());
        StreamContext context = new StreamContext(book, Clock.systemUTC(), settings, FanOutMetrics.NONE, encoder);
        sink = new CountingSink(true);
        names = new String[symbols];
        seqs = new long[symbols];
        for (int i = 0; i < symbols; i++) {
            names[i] = "SYM" + i;
        }
        // Each connection takes a window of symbols so that every symbol has subscribersPerSymbol of them.
        int connections = symbols * subscribersPerSymbol / 10;
        for (int c = 0; c < connections; c++) {
            Connection connection = new Connection("c" + c, sink, Runnable::run, context, false, format);
            fanOut.register(connection);
            for (int k = 0; k < 10; k++) {
                fanOut.subscribe(connection, names[(c * 10 + k) % symbols], false, null);
            }
        }
        CountingSink frozen = new CountingSink(false);
        for (int c = 0; c < frozenOnEverySymbol; c++) {
            Connection connection = new Connection("frozen" + c, frozen, Runnable::run, context, false, format);
            fanOut.register(connection);
            fanOut.subscribeAll(connection, false);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long batchOfUpdates() {
        for (int i = 0; i < BATCH; i++) {
            int s = next;
            next = (next + 1) % symbols;
            Quote quote = new Quote(names[s], 100 + (seqs[s] % 100) / 100.0, null, null, 10, "bench", now, now,
                    ++seqs[s]);
            book.apply(quote);
            fanOut.onQuote(quote);
        }
        fanOut.onBatchEnd();
        return sink.bytes;
    }
}
