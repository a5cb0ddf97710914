package io.tickhub.core.fanout;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.book.Book;
import io.tickhub.core.testing.CountingFanOutMetrics;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.RecordingSymbolInterest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bus thread offers while a real event-loop thread drains, and transports go unwritable at
 * random: whatever the interleaving, per symbol every client gets increasing seqs ending at the
 * latest, and every update is either delivered or counted in a {@code conflated:n}. Bounded by
 * the number of updates, not by time; the clock never moves, so nobody is closed.
 */
class FanOutConcurrencyTest {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "TSLA", "NVDA");
    private static final int UPDATES_PER_SYMBOL = 10_000;
    private static final int CLIENTS = 3;

    /** The clock never moves, so nobody is closed; one real event-loop thread drains, the test's threads offer and read. */
    private final ManualClock clock = new ManualClock();
    private final Book book = new Book(64);
    private final CountingFanOutMetrics metrics = new CountingFanOutMetrics();
    private final MarketEncoder encoder = new MarketEncoder(new io.tickhub.core.quote.InstrumentRegistry(),
            io.tickhub.core.journal.StreamEpoch.fresh());
    private final FanOut fanOut = new FanOut(book, encoder, new RecordingSymbolInterest());
    private final StreamContext context = new StreamContext(book, clock,
            new StreamSettings(16, Duration.ofSeconds(5), Duration.ofSeconds(10), 50), metrics, encoder);
    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor(r -> new Thread(r, "event-loop"));

    @AfterEach
    void stopTheEventLoop() throws InterruptedException {
        eventLoop.shutdownNow();
        eventLoop.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Files one message a client read under its symbol: its seq, and the updates it says it stands for. */
    private static void record(String message, Map<String, List<Long>> seqs, Map<String, Long> skipped) {
        String symbol = Frames.string(message, "symbol");
        seqs.computeIfAbsent(symbol, s -> new ArrayList<>()).add(Frames.seq(message));
        skipped.merge(symbol, Frames.conflated(message), Long::sum);
    }

    /**
     * Per symbol, the seqs a client got only go up and end at the last one, and with the updates
     * their {@code conflated:n} stand for they make every update. Returns the conflated total.
     */
    private static long assertEveryUpdateDeliveredOrConflated(String client, Map<String, List<Long>> seqs,
                                                              Map<String, Long> skipped) {
        long conflated = 0;
        for (String symbol : SYMBOLS) {
            List<Long> got = seqs.get(symbol);
            assertThat(got).as("%s %s", client, symbol).isSorted().doesNotHaveDuplicates()
                    .endsWith((long) UPDATES_PER_SYMBOL);
            assertThat(got.size() + skipped.get(symbol)).as("%s %s delivered + conflated", client, symbol)
                    .isEqualTo(UPDATES_PER_SYMBOL);
            conflated += skipped.get(symbol);
        }
        return conflated;
    }

    /** Writer-thread-confined, as the port says; only {@link #settle} is set from the test thread. */
    private static final class FlakySink implements FrameSink {
        private final SplittableRandom random;
        private final double unwritable;
        private final List<byte[]> writes = new ArrayList<>();
        private volatile boolean settle;
        private Integer closeCode;

        FlakySink(long seed, double unwritable) {
            this.random = new SplittableRandom(seed);
            this.unwritable = unwritable;
        }

        @Override
        public boolean isWritable() {
            return settle || random.nextDouble() >= unwritable;
        }

        @Override
        public void write(byte[] utf8) {
            writes.add(utf8);
        }

        @Override
        public void flush() {
        }

        @Override
        public void ping() {
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }
    }

    @Test
    @Timeout(30)
    void everyUpdateIsDeliveredInOrderOrCountedAsConflatedWhateverTheInterleaving() throws Exception {
        List<FlakySink> sinks = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            FlakySink sink = new FlakySink(c, c == 0 ? 0.0 : 0.2 * c);
            Connection connection = new Connection("c" + c, sink, eventLoop, context, c == 2, WireFormat.NATIVE);
            fanOut.register(connection);
            for (String symbol : SYMBOLS) {
                fanOut.subscribe(connection, symbol, false, null);
            }
            sinks.add(sink);
            connections.add(connection);
        }

        Thread bus = Thread.ofPlatform().name("bus").start(() -> {
            for (long seq = 1; seq <= UPDATES_PER_SYMBOL; seq++) {
                for (String symbol : SYMBOLS) {
                    var q = quote(symbol, seq);
                    book.apply(q);
                    fanOut.onQuote(q);
                    fanOut.onBatchEnd();
                }
                if (seq % 32 == 0) {
                    connections.forEach(Connection::writable); // the transport drained a little
                }
            }
        });
        bus.join();
        for (int c = 0; c < CLIENTS; c++) {
            sinks.get(c).settle = true;
            connections.get(c).writable();
        }
        eventLoop.submit(() -> { }).get(); // runs after every drain scheduled before it

        long conflatedSeen = 0;
        for (int c = 0; c < CLIENTS; c++) {
            FlakySink sink = sinks.get(c);
            assertThat(sink.closeCode).as("client %d closed", c).isNull();
            Map<String, List<Long>> seqs = new HashMap<>();
            Map<String, Long> skipped = new HashMap<>();
            for (byte[] frame : sink.writes) {
                for (String m : Frames.messages(new String(frame, StandardCharsets.UTF_8))) {
                    record(m, seqs, skipped);
                }
            }
            conflatedSeen += assertEveryUpdateDeliveredOrConflated("client " + c, seqs, skipped);
        }
        assertThat(conflatedSeen).as("the flaky clients fell behind").isPositive();
        assertThat(metrics.conflated()).isEqualTo(conflatedSeen);
        assertThat(metrics.dropped()).isZero();
    }

    /**
     * A socket buffer emptied by the client's own thread, which wakes the writer as Netty does: once,
     * when the buffer falls below its low mark after the writer was told it was full. Nothing else
     * ever calls {@link Connection#writable}.
     */
    private static final class ReaderPacedSink implements FrameSink {
        private static final int HIGH = 8;
        private static final int LOW = 4;
        private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> buffer = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicInteger size = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicBoolean full = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile Connection connection;
        private volatile Integer closeCode;

        @Override
        public boolean isWritable() {
            if (size.get() < HIGH) {
                return true;
            }
            full.set(true);
            // The reader may have emptied the buffer between the read and the flag (SseFrameSink does the same).
            return size.get() < LOW && full.compareAndSet(true, false);
        }

        @Override
        public void write(byte[] utf8) {
            buffer.add(utf8);
            size.incrementAndGet();
        }

        @Override
        public void flush() {
        }

        @Override
        public void ping() {
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }

        /** Client thread: the next frame, or null; wakes the writer when the buffer falls below its low mark. */
        byte[] read() {
            byte[] frame = buffer.poll();
            if (frame != null && size.decrementAndGet() < LOW && full.compareAndSet(true, false)) {
                connection.writable();
            }
            return frame;
        }
    }

    /**
     * A client that reads at its own pace, slower than the bus at times, gets every symbol's latest
     * update without any wake-up but its transport's: the writer parks at a full buffer and every
     * update held meanwhile goes out after the resume. A lost wake-up would leave the client short
     * of the last seqs, and the test would end at its deadline with the gap named.
     */
    @Test
    @Timeout(60)
    void clientPacedOnlyByItsTransportsWritabilityGetsTheLatestOfEverySymbol() throws Exception {
        ReaderPacedSink sink = new ReaderPacedSink();
        Connection connection = new Connection("paced", sink, eventLoop, context, false, WireFormat.NATIVE);
        sink.connection = connection;
        fanOut.register(connection);
        for (String symbol : SYMBOLS) {
            fanOut.subscribe(connection, symbol, false, null);
        }
        Map<String, List<Long>> seqs = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> skipped = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.CountDownLatch sawEveryLast = new java.util.concurrent.CountDownLatch(SYMBOLS.size());
        Thread reader = Thread.ofPlatform().name("client").start(() -> {
            SplittableRandom random = new SplittableRandom(7);
            while (!Thread.currentThread().isInterrupted()) {
                byte[] frame = sink.read();
                if (frame == null) {
                    Thread.onSpinWait();
                    continue;
                }
                for (String m : Frames.messages(new String(frame, StandardCharsets.UTF_8))) {
                    record(m, seqs, skipped);
                    if (Frames.seq(m) == UPDATES_PER_SYMBOL) {
                        sawEveryLast.countDown();
                    }
                }
                for (int pause = random.nextInt(400); pause > 0; pause--) {
                    Thread.onSpinWait(); // a client slower than the bus now and then
                }
            }
        });
        try {
            for (long seq = 1; seq <= UPDATES_PER_SYMBOL; seq++) {
                for (String symbol : SYMBOLS) {
                    var q = quote(symbol, seq);
                    book.apply(q);
                    fanOut.onQuote(q);
                }
                fanOut.onBatchEnd();
            }
            boolean complete = sawEveryLast.await(30, TimeUnit.SECONDS);
            reader.interrupt();
            reader.join();
            Map<String, Long> last = new HashMap<>();
            seqs.forEach((symbol, got) -> last.put(symbol, got.getLast()));
            assertThat(complete).as("the last seq of every symbol reached the client; last seen: %s", last).isTrue();
            assertThat(sink.closeCode).isNull();
            assertThat(assertEveryUpdateDeliveredOrConflated("paced client", seqs, skipped))
                    .as("the client fell behind at times").isPositive();
        } finally {
            reader.interrupt();
        }
    }
}
