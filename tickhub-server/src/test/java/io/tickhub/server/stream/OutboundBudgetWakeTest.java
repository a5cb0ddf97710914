package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tickhub.core.book.Book;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.FanOutMetrics;
import io.tickhub.core.fanout.MarketEncoder;
import io.tickhub.core.fanout.StreamContext;
import io.tickhub.core.fanout.StreamSettings;
import io.tickhub.core.fanout.WireFormat;
import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.core.quote.InstrumentRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A writer the outbound budget stops parks until it is told it may write again. Netty tells it
 * only when its buffer falls from above the high-water mark; one the budget stopped between the
 * marks gets no such event, so the budget itself wakes it once its client has read below the low
 * mark, while the budget is still exhausted. Channels here hold their writes unflushed, which is
 * what Netty counts as pending; a flush stands for the client reading them.
 */
class OutboundBudgetWakeTest {

    private static final int LOW = 1_000;
    private static final int HIGH = 4_000;

    private final OutboundBudget budget = new OutboundBudget(2_000, new SimpleMeterRegistry());
    private final Book book = new Book(10);
    private final MarketEncoder encoder = new MarketEncoder(new InstrumentRegistry(), StreamEpoch.fresh());
    private final StreamContext context = new StreamContext(book, Clock.systemUTC(), StreamSettings.defaults(),
            FanOutMetrics.NONE, encoder);

    /** Tasks handed to one connection's writer, kept, not run: what the test looks at is whether one came. */
    private static final class RecordingLoop implements java.util.concurrent.Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }
    }

    private record Tracked(EmbeddedChannel channel, Connection connection, RecordingLoop loop) {
    }

    private Tracked track(int pendingBytes) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(LOW, HIGH));
        channel.write(Unpooled.wrappedBuffer(new byte[pendingBytes])); // not flushed: pending
        RecordingLoop loop = new RecordingLoop();
        Connection connection = new Connection("c", new NettyFrameSink(channel, budget, null), loop, context, false,
                WireFormat.NATIVE);
        budget.track(channel, connection, () -> 0);
        return new Tracked(channel, connection, loop);
    }

    /** Rounds until the budget reads the channels: below a sixteenth of it, one round in ten does. */
    private void firstCheck() {
        for (int round = 0; round < 10; round++) {
            budget.enforce();
        }
    }

    @Test
    void writerStoppedBetweenTheMarksIsWokenOnceItsClientReadBelowTheLowMarkWhileTheBudgetIsStillExhausted() {
        Tracked heavy = track(3_500); // the largest: closed at the budget, its bytes held until it is gone
        Tracked between = track(1_500); // writable for Netty (below its high mark), above its low mark
        firstCheck();
        assertThat(heavy.connection().isClosed()).isTrue();
        assertThat(budget.admits(between.channel())).as("the budget stops it").isFalse();

        between.channel().flush(); // its client read everything: 0 pending, and Netty says nothing
        int tasksBefore = between.loop().tasks.size();
        budget.enforce(); // the heavy client's bytes still count (it is closing): exhausted still

        assertThat(budget.bytes()).isGreaterThan(2_000);
        assertThat(between.loop().tasks.size() - tasksBefore).as("woken").isEqualTo(1);
        assertThat(budget.admits(between.channel())).isTrue();

        budget.enforce();
        assertThat(between.loop().tasks.size() - tasksBefore).as("woken once, not every round").isEqualTo(1);
    }

    @Test
    void writerStoppedAboveTheLowMarkIsNotWokenWhileItsClientStillHoldsThatMuch() {
        Tracked heavy = track(3_500);
        Tracked between = track(1_500);
        firstCheck();
        assertThat(budget.admits(between.channel())).isFalse();
        int tasksBefore = between.loop().tasks.size();

        budget.enforce();

        assertThat(heavy.connection().isClosed()).isTrue();
        assertThat(between.loop().tasks.size() - tasksBefore).isZero();
    }
}
