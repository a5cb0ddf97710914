package io.tickhub.bench;

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
 * trial, deleted after it).
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

    private Path journalDir;
    private TickJournal tickJournal;

    private Sequencer sequencer;
    private RawQuote[] quotes;
    private int next;

    @Setup
    public void setUp() throws IOException {
        Book book = new Book(Book.DEFAULT_HISTORY_SIZE);
        InProcessBus bus = new InProcessBus();
        bus.subscribe(book::apply);
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
        // Distinct provider times so no quote is a repeat of the one before it.
        quotes = new RawQuote[SYMBOLS * 4];
        Instant t = Instant.parse("2026-01-02T14:30:00Z");
        for (int i = 0; i < quotes.length; i++) {
            quotes[i] = new RawQuote("sym" + (i % SYMBOLS), 100 + i % 13, 99.9, 100.1, 100, "bench",
                    t.plusMillis(i));
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
        return sequencer.accept(quotes[next++ % quotes.length]);
    }
}
