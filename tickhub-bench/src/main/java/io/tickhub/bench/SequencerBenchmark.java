package io.tickhub.bench;

import io.tickhub.core.book.Book;
import io.tickhub.core.bus.InProcessBus;
import io.tickhub.core.ingest.IngestMetrics;
import io.tickhub.core.ingest.Sequencer;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest's single thread: normalise, validate, dedupe, stamp seq and hub time, publish on the
 * in-process bus into the book. This is the per-quote cost that bounds one hub's ingest rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SequencerBenchmark {

    private static final int SYMBOLS = 500;

    private Sequencer sequencer;
    private RawQuote[] quotes;
    private int next;

    @Setup
    public void setUp() {
        Book book = new Book(Book.DEFAULT_HISTORY_SIZE);
        InProcessBus bus = new InProcessBus();
        bus.subscribe(book::apply);
        sequencer = new Sequencer(Clock.systemUTC(), bus, IngestMetrics.NONE);
        // Distinct provider times so no quote is a repeat of the one before it.
        quotes = new RawQuote[SYMBOLS * 4];
        Instant t = Instant.parse("2026-01-02T14:30:00Z");
        for (int i = 0; i < quotes.length; i++) {
            quotes[i] = new RawQuote("sym" + (i % SYMBOLS), 100 + i % 13, 99.9, 100.1, 100, "bench",
                    t.plusMillis(i));
        }
    }

    @Benchmark
    public Quote accept() {
        return sequencer.accept(quotes[next++ % quotes.length]);
    }
}
