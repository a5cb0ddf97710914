package io.tickhub.bench;

import io.tickhub.core.book.Book;
import io.tickhub.core.quote.Quote;
import java.time.Instant;
import java.util.List;
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
 * The book's writer path (apply the next quote of one of S symbols) and its two reader paths
 * (latest, last 100 points). Run: {@code java -jar tickhub-bench/target/benchmarks.jar Book}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BookBenchmark {

    @Param({"500"})
    int symbols;

    private Book book;
    private String[] names;
    private long[] seqs;
    private int next;
    private final Instant now = Instant.parse("2026-01-02T14:30:00Z");

    @Setup
    public void setUp() {
        book = new Book(Book.DEFAULT_HISTORY_SIZE);
        names = new String[symbols];
        seqs = new long[symbols];
        for (int i = 0; i < symbols; i++) {
            names[i] = "SYM" + i;
            for (int s = 0; s < Book.DEFAULT_HISTORY_SIZE; s++) {
                book.apply(quote(i));
            }
        }
    }

    private Quote quote(int i) {
        return new Quote(names[i], 100 + (seqs[i] & 7), 99.9, 100.1, 100, "bench", now, now, ++seqs[i]);
    }

    @Benchmark
    public Object apply() {
        int i = next++ % symbols;
        return book.apply(quote(i));
    }

    @Benchmark
    public Object latest() {
        return book.latest(names[next++ % symbols]);
    }

    @Benchmark
    public List<Quote> recent100() {
        return book.history(names[next++ % symbols], 100);
    }
}
