package io.tickhub.core.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.QuoteFixtures;
import io.tickhub.core.testing.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link QuoteBus} must do, whatever carries the quotes (in-process, Kafka, Redis).
 * An adapter's test extends this class and implements {@link #newBus()}; asynchronous adapters
 * also override {@link #awaitDelivered} (and {@link #awaitSubscribed} when subscribing takes
 * effect later than the call, as a Kafka consumer's partition assignment does).
 *
 * <p>The contract, as decided here:
 * <ol>
 *   <li>Every listener subscribed before a quote is published receives it, exactly once.</li>
 *   <li>Each symbol's quotes arrive in the order they were published, which is seq order; no
 *       order across symbols is promised.</li>
 *   <li>A quote arrives equal to the one published: every field, {@code null} bid and ask
 *       included, instants at the microsecond precision the hub stamps.</li>
 *   <li>{@link QuoteBus#endOfBatch} reaches listeners: every delivered quote is followed, on the
 *       thread that delivered it, by an {@link QuoteListener#onBatchEnd}, so a listener that
 *       buffers until the batch ends never holds a quote indefinitely. A bus may add batch ends of
 *       its own (one per Kafka poll); it need not map the publisher's batches one to one.</li>
 *   <li>A symbol is delivered on one thread at a time (its one writer downstream).</li>
 *   <li>A listener that throws keeps nothing from the others: they still get every quote and batch end.</li>
 *   <li>Quotes published before a listener subscribed <em>may</em> reach it (a log-based bus can
 *       replay what it retains) but need not; whatever it does get is still in seq order per
 *       symbol, and it gets everything published after it subscribed.</li>
 * </ol>
 * Redelivery after a restart is allowed by the architecture (the book drops it) and is not
 * covered here: every bus under test lives for one test only.
 *
 * <p>Every test publishes from one thread, the test's, as the sequencer does in production. Test and
 * lifecycle methods are public so that adapters in other packages inherit them unambiguously.
 */
public abstract class QuoteBusContract {

    /** How long {@link #awaitReceivedAndFlushed} waits by default; generous, it returns on success. */
    protected static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(20);

    private final List<QuoteBus> buses = new ArrayList<>();
    protected QuoteBus bus;

    /**
     * A new bus, isolated from every other one this test class creates (its own topic or
     * channel), ready to publish. The contract closes it after the test.
     */
    protected abstract QuoteBus newBus();

    /**
     * Returns once listeners subscribed to {@code bus} so far will receive whatever is published
     * next. Synchronous buses subscribe at once, so the default does nothing.
     */
    protected void awaitSubscribed(QuoteBus bus) {
    }

    /**
     * Returns once {@code listener} has received at least {@code quotes} quotes and the batch end
     * after them. A synchronous bus has delivered before {@code publish} and {@code endOfBatch}
     * return, so the default does nothing; an asynchronous adapter overrides it, typically as
     * {@code awaitReceivedAndFlushed(listener, quotes, DEFAULT_DELIVERY_TIMEOUT)}.
     */
    protected void awaitDelivered(RecordingListener listener, int quotes) {
    }

    /** Waits (Awaitility, polling) until {@code listener} holds {@code quotes} quotes, all followed by a batch end. */
    protected static void awaitReceivedAndFlushed(RecordingListener listener, int quotes, Duration atMost) {
        await("%s to receive %d quotes followed by a batch end".formatted(listener, quotes))
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> listener.count() >= quotes && listener.unflushedQuotes() == 0 && listener.batchEnds() > 0);
    }

    @BeforeEach
    public void createBus() {
        bus = track(newBus());
    }

    @AfterEach
    public void closeBuses() {
        for (QuoteBus b : buses) {
            b.close();
        }
        buses.clear();
    }

    /** Registers a further bus a test created, so that it is closed after the test. */
    protected final QuoteBus track(QuoteBus created) {
        buses.add(created);
        return created;
    }

    @Test
    public void everyListenerReceivesEveryPublishedQuote() {
        List<RecordingListener> listeners = List.of(
                new RecordingListener("first"), new RecordingListener("second"), new RecordingListener("third"));
        listeners.forEach(bus::subscribe);
        awaitSubscribed(bus);
        List<Quote> published = interleaved(List.of("AAPL", "MSFT", "BRK.B", "EURUSD=X", "ITEM_07"), 40, 1);

        published.forEach(bus::publish);
        bus.endOfBatch();

        for (RecordingListener listener : listeners) {
            awaitDelivered(listener, published.size());
            assertThat(listener.quotes())
                    .as("%s got each published quote exactly once", listener)
                    .hasSize(published.size())
                    .containsExactlyInAnyOrderElementsOf(published);
        }
    }

    @Test
    public void eachSymbolArrivesInSeqOrder() {
        RecordingListener listener = new RecordingListener();
        bus.subscribe(listener);
        awaitSubscribed(bus);
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            symbols.add("SYM" + i);
        }
        List<Quote> published = interleaved(symbols, 100, 42);

        for (int i = 0; i < published.size(); i++) {
            bus.publish(published.get(i));
            if (i % 97 == 96) {
                bus.endOfBatch();
            }
        }
        bus.endOfBatch();

        awaitDelivered(listener, published.size());
        for (String symbol : symbols) {
            assertThat(listener.seqsOf(symbol))
                    .as("seqs of %s", symbol)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        }
        assertThat(listener.count()).isEqualTo(published.size());
    }

    @Test
    public void quotesArriveUnchanged() {
        RecordingListener listener = new RecordingListener();
        bus.subscribe(listener);
        awaitSubscribed(bus);
        Instant providerTime = Instant.parse("2025-01-02T14:29:59.123456Z");
        Instant hubTime = Instant.parse("2025-01-02T14:30:00.654321Z");
        List<Quote> published = List.of(
                new Quote("AAPL", 228.57, 228.56, 228.58, 300, "simulator", providerTime, hubTime, 1),
                new Quote("AAPL", 228.61, null, null, 0, "yfinance", providerTime, hubTime.plusNanos(1_000), 2),
                // a seq above 2^53 and a six-decimal price: a JSON codec that goes through double would lose them
                new Quote("BINANCE:BTCUSDT", 97_123.456789, 97_123.45, null, 0.00123, "finnhub", providerTime,
                        hubTime, 9_007_199_254_740_993L),
                new Quote("^GSPC", 0.01, null, 0.02, 1e12, "alphavantage", Instant.EPOCH, hubTime, 1));

        published.forEach(bus::publish);
        bus.endOfBatch();

        awaitDelivered(listener, published.size());
        assertThat(listener.quotes()).containsExactlyInAnyOrderElementsOf(published);
        assertThat(listener.quotesOf("AAPL")).containsExactly(published.get(0), published.get(1));
    }

    @Test
    public void endOfBatchReachesListenersAfterTheQuotes() {
        RecordingListener listener = new RecordingListener();
        bus.subscribe(listener);
        awaitSubscribed(bus);

        List<Quote> batch = interleaved(List.of("AAPL", "MSFT"), 5, 7);
        batch.forEach(bus::publish);
        bus.endOfBatch();

        awaitDelivered(listener, batch.size());
        assertThat(listener.batchEnds()).as("batch ends received").isPositive();
        assertThat(listener.unflushedQuotes()).as("quotes delivered with no batch end after them").isZero();
        assertThat(listener.count()).isEqualTo(batch.size());
    }

    @Test
    public void aSymbolIsDeliveredOnOneThreadAtATime() {
        RecordingListener first = new RecordingListener("first");
        RecordingListener second = new RecordingListener("second");
        bus.subscribe(first);
        bus.subscribe(second);
        awaitSubscribed(bus);
        List<Quote> published = interleaved(List.of("A", "B", "C", "D", "E", "F", "G", "H"), 500, 3);

        published.forEach(bus::publish);
        bus.endOfBatch();

        awaitDelivered(first, published.size());
        awaitDelivered(second, published.size());
        assertThat(first.concurrentDeliveries()).isZero();
        assertThat(second.concurrentDeliveries()).isZero();
    }

    @Test
    public void aListenerThatThrowsKeepsNothingFromTheOthers() {
        bus.subscribe(new QuoteListener() {
            @Override
            public void onQuote(Quote quote) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void onBatchEnd() {
                throw new IllegalStateException("broken listener");
            }
        });
        RecordingListener healthy = new RecordingListener("healthy");
        bus.subscribe(healthy);
        awaitSubscribed(bus);
        List<Quote> published = interleaved(List.of("AAPL", "MSFT"), 10, 13);

        published.forEach(bus::publish);
        bus.endOfBatch();

        awaitDelivered(healthy, published.size());
        assertThat(healthy.quotes()).containsExactlyInAnyOrderElementsOf(published);
        assertThat(healthy.unflushedQuotes()).isZero();
    }

    @Test
    public void listenerSubscribedLateGetsEverythingPublishedAfterIt() {
        RecordingListener early = new RecordingListener("early");
        bus.subscribe(early);
        awaitSubscribed(bus);
        List<Quote> before = interleaved(List.of("AAPL", "MSFT"), 10, 11);
        before.forEach(bus::publish);
        bus.endOfBatch();
        awaitDelivered(early, before.size());

        RecordingListener late = new RecordingListener("late");
        bus.subscribe(late);
        awaitSubscribed(bus);
        List<Quote> after = new ArrayList<>();
        for (long seq = 11; seq <= 20; seq++) {
            after.add(QuoteFixtures.quote("AAPL", seq));
            after.add(QuoteFixtures.quote("MSFT", seq));
        }
        after.forEach(bus::publish);
        bus.endOfBatch();

        awaitDelivered(early, before.size() + after.size());
        awaitDelivered(late, after.size());
        assertThat(early.quotes()).containsExactlyInAnyOrderElementsOf(concat(before, after));
        assertThat(late.quotes()).containsAll(after);
        for (String symbol : List.of("AAPL", "MSFT")) {
            List<Long> seqs = late.seqsOf(symbol);
            assertThat(seqs).as("what the late listener got of %s", symbol).isSorted().doesNotHaveDuplicates();
            assertThat(seqs.subList(seqs.size() - 10, seqs.size()))
                    .containsExactlyElementsOf(LongStream.rangeClosed(11, 20).boxed().toList());
        }
    }

    /**
     * Quotes {@code 1..perSymbol} of each symbol, shuffled across symbols (seeded) while every
     * symbol keeps its seq order: what a sequencer fed by several providers publishes.
     */
    protected static List<Quote> interleaved(List<String> symbols, int perSymbol, long seed) {
        Map<String, Long> next = new LinkedHashMap<>();
        symbols.forEach(s -> next.put(s, 1L));
        List<String> open = new ArrayList<>(symbols);
        SplittableRandom random = new SplittableRandom(seed);
        List<Quote> out = new ArrayList<>(symbols.size() * perSymbol);
        while (!open.isEmpty()) {
            int pick = random.nextInt(open.size());
            String symbol = open.get(pick);
            long seq = next.merge(symbol, 1L, Long::sum) - 1;
            out.add(QuoteFixtures.quote(symbol, seq));
            if (seq == perSymbol) {
                open.remove(pick);
            }
        }
        return out;
    }

    private static List<Quote> concat(List<Quote> a, List<Quote> b) {
        List<Quote> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
