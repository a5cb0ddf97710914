package io.tickhub.core.book;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.quote.Quote;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One writer laps a small ring many times while readers read it without locks: whatever a
 * reader gets must be a contiguous, increasing run of real quotes, never a lapped slot, and each
 * quote exactly as written (every field of the fixture's quote follows from its seq, so a slot
 * read while the writer rewrote it would show up as a quote no one wrote).
 * Bounded by the number of writes, not by time.
 */
class BookConcurrencyTest {

    private static final int CAPACITY = 64;
    private static final int WRITES = 200_000;
    private static final int READERS = 3;

    @Test
    @Timeout(30)
    void readerNeverSeesLappedSlot() throws InterruptedException {
        Book book = new Book(CAPACITY);
        book.apply(quote("AAPL", 1));
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicLong reads = new AtomicLong();
        AtomicLong nonEmptyReads = new AtomicLong();
        AtomicBoolean writerDone = new AtomicBoolean();

        Thread writer = Thread.ofPlatform().name("book-writer").start(() -> {
            await(start);
            for (long seq = 2; seq <= WRITES; seq++) {
                book.apply(quote("AAPL", seq));
            }
            writerDone.set(true);
        });
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            long seed = r;
            readers.add(Thread.ofPlatform().name("book-reader-" + r).start(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                await(start);
                // Read until the writer is done, then once more over the final state.
                boolean last = false;
                while (!last) {
                    last = writerDone.get();
                    List<Quote> history = book.history("AAPL", 1 + random.nextInt(CAPACITY + 10));
                    check("history", history, violations);
                    long latest = book.latest("AAPL").orElseThrow().seq();
                    long afterSeq = Math.max(0, latest - random.nextInt(2 * CAPACITY));
                    Replay replay = book.since("AAPL", afterSeq).orElseThrow();
                    check("since(" + afterSeq + ")", replay.quotes(), violations);
                    checkReplay(afterSeq, replay, violations);
                    reads.addAndGet(2);
                    if (!history.isEmpty()) {
                        nonEmptyReads.incrementAndGet();
                    }
                }
            }));
        }

        start.countDown();
        writer.join();
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(violations).isEmpty();
        assertThat(reads.get()).isGreaterThanOrEqualTo(2L * READERS);
        assertThat(nonEmptyReads.get()).isPositive();
        assertThat(book.history("AAPL", CAPACITY)).extracting(Quote::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(WRITES - CAPACITY + 1, WRITES).boxed().toList());
    }

    private static void check(String what, List<Quote> quotes, ConcurrentLinkedQueue<String> violations) {
        if (quotes.size() > CAPACITY) {
            violations.add(what + " returned " + quotes.size() + " quotes, more than the capacity");
        }
        for (int i = 0; i < quotes.size(); i++) {
            Quote q = quotes.get(i);
            if (q == null) {
                violations.add(what + " returned null at " + i);
                return;
            }
            if (!q.equals(quote("AAPL", q.seq()))) {
                violations.add(what + " returned a quote the writer never wrote: " + q);
                return;
            }
            if (i > 0 && q.seq() != quotes.get(i - 1).seq() + 1) {
                violations.add(what + " not contiguous: " + quotes.get(i - 1).seq() + " then " + q.seq());
                return;
            }
        }
    }

    private static void checkReplay(long afterSeq, Replay replay, ConcurrentLinkedQueue<String> violations) {
        List<Quote> quotes = replay.quotes();
        if (!quotes.isEmpty() && quotes.getFirst().seq() <= afterSeq) {
            violations.add("since(" + afterSeq + ") returned seq " + quotes.getFirst().seq());
        }
        if (!quotes.isEmpty() && quotes.getLast().seq() != replay.latestSeq()) {
            violations.add("since(" + afterSeq + ") ends at " + quotes.getLast().seq() + ", latest " + replay.latestSeq());
        }
        if (replay.complete() && afterSeq < replay.latestSeq()
                && (quotes.isEmpty() || quotes.getFirst().seq() != afterSeq + 1)) {
            violations.add("since(" + afterSeq + ") claims complete but starts at "
                    + (quotes.isEmpty() ? "nothing" : quotes.getFirst().seq()));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
