package io.tickhub.bench;

import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.analytics.BarSettings;
import io.tickhub.core.book.Book;
import io.tickhub.core.bus.InProcessBus;
import io.tickhub.core.failover.FailoverPolicy;
import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.ingest.FeedGate;
import io.tickhub.core.ingest.IngestMetrics;
import io.tickhub.core.ingest.Sequencer;
import io.tickhub.core.ingest.QuoteJournal;
import io.tickhub.core.journal.TickJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.TearDown;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.quote.Symbols;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
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
 * Ingest's single thread: normalise, validate, dedupe, stamp seq and hub time, publish on the
 * in-process bus into the book. This is the per-quote cost that bounds one hub's ingest rate.
 * {@code gate} adds failover's feed gate: {@code open} (none), {@code unfed} (a feed board that no
 * job feeds: the hub's default) or {@code fed} (every symbol expected from two providers, the
 * benchmark's serving). {@code journal}: {@code none}, or {@code mapped}: the tick journal the hub
 * appends each accepted quote to before publishing it (a fresh one in a temporary directory per
 * trial, deleted after it). {@code bars}: {@code none}, or {@code all}: the bar aggregator at every
 * interval on the bus, as in the hub (five bar updates per quote, each heard by one listener).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SequencerBenchmark {

    private static final int SYMBOLS = 500;

    @Param({"open", "unfed", "fed"})
    public String gate;

    @Param({"none", "mapped"})
    public String journal;

    @Param({"none", "all"})
    public String bars;

    /** What the bar listener heard, so no bar update is dead code. */
    private long barsHeard;

    private Path journalDir;
    private TickJournal tickJournal;

    private Sequencer sequencer;
    private String[] symbols;
    private long next;
    private static final Instant START = Instant.parse("2026-01-02T14:30:00Z");

    @Setup
    public void setUp() throws IOException {
        Book book = new Book(Book.DEFAULT_HISTORY_SIZE);
        InProcessBus bus = new InProcessBus();
        bus.subscribe(book::apply);
        if (bars.equals("all")) {
            BarAggregator aggregator = new BarAggregator(ZoneId.of("America/New_York"), BarSettings.DEFAULTS,
                    Clock.systemUTC());
            aggregator.subscribe(bar -> barsHeard += bar.closed() ? 2 : 1);
            bus.subscribe(aggregator);
        }
        FeedGate feedGate = FeedGate.OPEN;
        if (!gate.equals("open")) {
            FeedBoard board = new FeedBoard(new FailoverPolicy(List.of("bench", "standby"), Map.of(), 3),
                    Clock.systemUTC(), s -> { });
            if (gate.equals("fed")) {
                for (int i = 0; i < SYMBOLS; i++) {
                    board.expect(Symbols.normalize("sym" + i), "bench", Duration.ofSeconds(1));
                    board.expect(Symbols.normalize("sym" + i), "standby", Duration.ofSeconds(1));
                }
            }
            feedGate = board;
        }
        QuoteJournal quoteJournal = QuoteJournal.NONE;
        if (journal.equals("mapped")) {
            journalDir = Files.createTempDirectory("tickhub-bench-journal");
            tickJournal = TickJournal.open(journalDir);
            quoteJournal = tickJournal;
        }
        sequencer = new Sequencer(Clock.systemUTC(), bus, IngestMetrics.NONE, feedGate, quoteJournal, e -> {
            throw e;
        });
        symbols = new String[SYMBOLS];
        for (int i = 0; i < SYMBOLS; i++) {
            symbols[i] = "sym" + i;
        }
    }

    @TearDown
    public void deleteJournal() {
        if (tickJournal != null) {
            tickJournal.close();
            ScratchFiles.deleteTree(journalDir);
        }
    }

    @Benchmark
    public Quote accept() {
        // Provider times move on 20 µs a quote, as a live feed's do (500 symbols in turn, each a
        // quote every 10 ms): bars close and open at every interval as they would, and no quote is
        // a repeat of the one before it.
        long i = next++;
        return sequencer.accept(new RawQuote(symbols[(int) (i % SYMBOLS)], 100 + i % 13, 99.9, 100.1, 100, "bench",
                START.plusNanos(i * 20_000)));
    }
}
