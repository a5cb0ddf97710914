package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.book.Book;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.CountingFanOutMetrics;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.RecordingFrameSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The coalescing window: an event loop drains once per window after the first bus batch with
 * data for it, so the batches meanwhile go out in one write and one flush per connection.
 */
class CoalescingWindowTest {

    final ManualClock clock = new ManualClock();
    final Book book = new Book(100);
    final MarketEncoder encoder = new MarketEncoder(new InstrumentRegistry(), Hub.EPOCH);
    final StreamContext context = new StreamContext(book, clock, Hub.SMALL, new CountingFanOutMetrics(), encoder,
            SubscriptionBudget.unlimited());
    final TimerLoop loop = new TimerLoop();

    Quote quote(long seq) {
        return new Quote("CW", 100 + seq, null, null, 0, "test", clock.instant(), clock.instant(), seq);
    }

    RecordingFrameSink subscribed(FanOut fanOut) {
        RecordingFrameSink sink = new RecordingFrameSink();
        Connection connection = new Connection("c1", sink, loop, context, false, WireFormat.NATIVE);
        fanOut.register(connection);
        fanOut.subscribe(connection, "CW", false, null);
        loop.runNow();
        return sink;
    }

    void publish(FanOut fanOut, long seq) {
        Quote q = quote(seq);
        book.apply(q);
        fanOut.onQuote(q);
        fanOut.onBatchEnd();
    }

    @Test
    void batchesWithinTheWindowGoOutInOneFlush() {
        FanOut fanOut = new FanOut(book, encoder, SymbolInterest.NONE, Duration.ofMillis(2));
        RecordingFrameSink sink = subscribed(fanOut);
        int flushesBefore = sink.flushes();
        for (long seq = 1; seq <= 3; seq++) {
            publish(fanOut, seq);
        }
        assertThat(loop.delays).as("one pass, scheduled a window after the first batch")
                .containsExactly(TimeUnit.MILLISECONDS.toNanos(2));
        assertThat(sink.frames()).isEmpty();
        loop.runScheduled();
        assertThat(sink.frames()).hasSize(3).allSatisfy(f -> assertThat(f).contains("\"price_update\""));
        assertThat(sink.flushes() - flushesBefore).isEqualTo(1);

        publish(fanOut, 4); // after the pass: a new window starts
        assertThat(loop.delays).hasSize(2);
        loop.runScheduled();
        assertThat(sink.frames()).hasSize(4);
    }

    @Test
    void withoutAWindowEveryBatchIsDrainedAtOnce() {
        FanOut fanOut = new FanOut(book, encoder, SymbolInterest.NONE, Duration.ZERO);
        RecordingFrameSink sink = subscribed(fanOut);
        int flushesBefore = sink.flushes();
        for (long seq = 1; seq <= 3; seq++) {
            publish(fanOut, seq);
            loop.runNow();
        }
        assertThat(loop.delays).isEmpty();
        assertThat(sink.frames()).hasSize(3);
        assertThat(sink.flushes() - flushesBefore).isEqualTo(3);
    }

    /** An event loop that runs what it is given, now or scheduled, only when the test says so. */
    static final class TimerLoop extends AbstractExecutorService implements ScheduledExecutorService {
        final List<Runnable> now = new ArrayList<>();
        final List<Runnable> scheduled = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            now.add(task);
        }

        void runNow() {
            while (!now.isEmpty()) {
                now.removeFirst().run();
            }
        }

        void runScheduled() {
            List<Runnable> due = new ArrayList<>(scheduled);
            scheduled.clear();
            due.forEach(Runnable::run);
            runNow();
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            scheduled.add(task);
            delays.add(unit.toNanos(delay));
            return null;
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initial, long period, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initial, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
