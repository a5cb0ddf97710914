package io.tickhub.core.fanout;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import io.tickhub.core.quote.Quote;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Delivery rule 3: a slow client loses intermediate values (conflation, counted), never the
 * hub's or another client's time; one that stays behind is closed with 4008.
 */
class SlowConsumerTest {

    private static final int BUFFER = Hub.SMALL.bufferMessages(); // 16
    private static final Duration TIMEOUT = Hub.SMALL.slowConsumerTimeout(); // 5 s

    private final Hub hub = new Hub();
    private final Client slow = hub.connect();
    private final Client fast = hub.connect();

    private void subscribeBoth(String... symbols) {
        for (String symbol : symbols) {
            hub.fanOut.subscribe(slow.connection(), symbol, false, null);
            hub.fanOut.subscribe(fast.connection(), symbol, false, null);
        }
    }

    /**
     * Publishes seqs {@code from..to} of {@code symbol}, one event-loop turn after each: the fast
     * client keeps up, the slow one only when its transport is writable.
     */
    private void publish(String symbol, long from, long to) {
        for (long seq = from; seq <= to; seq++) {
            hub.publish(symbol, seq, seq);
            hub.drain();
        }
    }

    /** Publishes seqs 1..perSymbol of AAPL and MSFT alternately, letting only the fast client drain. */
    private void publishAlternately(int perSymbol) {
        for (long seq = 1; seq <= perSymbol; seq++) {
            hub.publish("AAPL", seq, seq);
            hub.publish("MSFT", seq, seq);
            hub.drain(); // the event loop runs; the slow client's transport takes nothing
        }
    }

    @Test
    void slowClientIsConflatedToTheLatestUpdatePerSymbolWithTheSkippedCount() {
        subscribeBoth("AAPL", "MSFT");
        slow.sink().setWritable(false);

        publishAlternately(20); // 16 queued (AAPL 1..8, MSFT 1..8), then AAPL and MSFT 9..20 conflated
        assertThat(slow.connection().isConflating()).isTrue();
        assertThat(slow.sink().frames()).isEmpty();

        slow.sink().setWritable(true);
        slow.connection().writable();
        hub.drain();

        for (String symbol : List.of("AAPL", "MSFT")) {
            List<String> updates = slow.updatesOf(symbol);
            assertThat(slow.seqsOf(symbol)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 20L);
            assertThat(updates.subList(0, 8)).allMatch(u -> Frames.conflated(u) == 0);
            assertThat(Frames.conflated(updates.getLast())).as("9..19 were skipped").isEqualTo(11);
            assertThat(updates).noneMatch(Frames::isSnapshot);
        }
        assertThat(hub.metrics.conflated()).as("skipped updates, as the clients were told").isEqualTo(22);
    }

    /**
     * Conflation holds a seq per symbol, not the update: the writer reads it back from the book's
     * ring when the client catches up, and a newer one the book took meanwhile follows as usual.
     */
    @Test
    void heldUpdateIsReadBackFromTheBookByItsSeqWhenTheClientCatchesUp() {
        subscribeBoth("AAPL", "MSFT");
        slow.sink().setWritable(false);
        publishAlternately(20); // AAPL 9..20 conflated
        Quote next = quote("AAPL", 21);
        hub.book.apply(next); // the bus thread has reached the book with 21, not yet the fan-out

        slow.sink().setWritable(true);
        slow.connection().writable();
        hub.drain();
        hub.fanOut.onQuote(next);
        hub.fanOut.onBatchEnd();
        hub.drain();

        assertThat(slow.seqsOf("AAPL")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 20L, 21L);
        assertThat(slow.updatesOf("AAPL").get(8)).satisfies(u -> {
            assertThat(Frames.conflated(u)).as("9..19 were skipped").isEqualTo(11);
            assertThat(Frames.raw(u, "price")).isEqualTo(Frames.raw(fast.updatesOf("AAPL").get(19), "price"));
        });
        assertThat(hub.metrics.conflated()).isEqualTo(22);
    }

    /**
     * The drain that found the transport full parks until the transport says it can take more: the
     * updates that keep coming for a client that reads nothing queue a task on its event loop for none
     * of them, and the one resume delivers what was queued, then the latest held.
     */
    @Test
    void clientThatReadsNothingCostsItsEventLoopNoTaskPerUpdateAndResumesOnWritability() {
        hub.fanOut.subscribe(slow.connection(), "TSLA", false, null);
        hub.drain();
        slow.sink().setWritable(false);
        publish("TSLA", 1, 1); // the drain finds the transport full and parks

        long tasks = hub.loop.executed();
        publish("TSLA", 2, 4L * BUFFER); // queued up to the buffer, then conflated
        assertThat(hub.loop.executed() - tasks).as("event-loop tasks while parked").isZero();
        assertThat(slow.connection().isConflating()).isTrue();

        slow.sink().setWritable(true);
        slow.connection().writable();
        hub.drain();
        List<Long> seqs = slow.seqsOf("TSLA");
        assertThat(seqs.subList(0, BUFFER)).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, BUFFER).boxed().toList());
        assertThat(seqs.getLast()).isEqualTo(4L * BUFFER);
        assertThat(Frames.conflated(slow.updatesOf("TSLA").getLast())).isEqualTo(4L * BUFFER - BUFFER - 1);

        publish("TSLA", 4L * BUFFER + 1, 4L * BUFFER + 1); // live again: queued and written at once
        assertThat(slow.seqsOf("TSLA").getLast()).isEqualTo(4L * BUFFER + 1);
    }

    /**
     * The outbound budget or an SSE queue can free a transport from another thread between two of the
     * writer's checks: a drain that saw "full" once and then wrote everything must not park on that
     * stale answer, or it would wait for a writability event that never comes.
     */
    @Test
    void drainThatFindsItsTransportFreedBetweenTwoChecksWritesOnAndDoesNotPark() {
        hub.fanOut.subscribe(fast.connection(), "TSLA", false, null);
        hub.drain();
        fast.sink().fullForNextChecks(1); // the drain's first check: full; every later one: free

        hub.publish("TSLA", 1, 2); // its drain sees "full", then a free transport: writes both
        hub.drain();
        hub.publish("TSLA", 3, 3); // a drain parked on the stale "full" would never send this
        hub.drain();

        assertThat(fast.seqsOf("TSLA")).containsExactly(1L, 2L, 3L);
    }

    /** A close asked of a client whose transport is full does not wait for the client to read: its writer is parked. */
    @Test
    void closeOfAClientThatReadsNothingHappensAtOnceNotBehindItsQueue() {
        hub.fanOut.subscribe(slow.connection(), "TSLA", false, null);
        hub.drain();
        slow.sink().setWritable(false);
        publish("TSLA", 1, 3); // parked with updates queued

        slow.connection().close(Connection.NORMAL, "credential expired");
        hub.drain();

        assertThat(slow.sink().closeCode()).isEqualTo(Connection.NORMAL);
        assertThat(slow.sink().closeReason()).isEqualTo("credential expired");
        assertThat(slow.sink().frames()).isEmpty();
    }

    /**
     * With a coalescing window the bus's drain pass runs after a delay: a close asked meanwhile finds
     * the writer not yet parked, and the pass then finds the transport full. It closes instead of
     * parking with the close queued behind what the client does not read.
     */
    @Test
    void closeAskedBeforeADelayedDrainFindsTheTransportFullClosesInsteadOfParking() {
        List<Runnable> tasks = new java.util.ArrayList<>();
        io.tickhub.core.testing.RecordingFrameSink sink = new io.tickhub.core.testing.RecordingFrameSink();
        Connection connection = new Connection("late", sink, tasks::add, hub.context, false, WireFormat.NATIVE);
        hub.fanOut.register(connection);
        hub.fanOut.subscribe(connection, "TSLA", false, null);
        tasks.forEach(Runnable::run);
        tasks.clear();
        sink.setWritable(false);

        hub.publish("TSLA", 1, 1); // the bus claims a drain: its pass is a task not run yet
        Runnable delayedPass = tasks.removeFirst();
        connection.close(Connection.NORMAL, "credential expired");
        tasks.forEach(Runnable::run); // the close's own check: not parked yet
        tasks.clear();
        delayedPass.run(); // finds the transport full
        tasks.forEach(Runnable::run);

        assertThat(sink.closeCode()).isEqualTo(Connection.NORMAL);
        assertThat(sink.closeReason()).isEqualTo("credential expired");
    }

    /** A client that reads gets what was queued before the close, then the close. */
    @Test
    void closeOfAClientThatReadsComesBehindWhatWasQueued() {
        hub.fanOut.subscribe(fast.connection(), "TSLA", false, null);
        hub.drain();
        hub.publish("TSLA", 1, 3);

        fast.connection().close(Connection.NORMAL, "bye");
        hub.drain();

        assertThat(fast.seqsOf("TSLA")).containsExactly(1L, 2L, 3L);
        assertThat(fast.sink().closeCode()).isEqualTo(Connection.NORMAL);
    }

    /** The conflation metric reaches the hub's counters while the client still reads nothing (each tick), not only at its close. */
    @Test
    void updatesConflatedForAClientThatReadsNothingAreCountedByTheNextTick() {
        subscribeBoth("AAPL");
        slow.sink().setWritable(false);
        publish("AAPL", 1, BUFFER + 11); // 16 queued, 17 held, 18..27 replace it: 10 conflated
        assertThat(hub.metrics.conflated()).isZero();

        hub.fanOut.tick();
        assertThat(hub.metrics.conflated()).isEqualTo(10);
        assertThat(slow.sink().isClosed()).isFalse();
    }

    @Test
    void fastClientOnTheSameSymbolsGetsEveryUpdateUnconflated() {
        subscribeBoth("AAPL", "MSFT");
        slow.sink().setWritable(false);

        publishAlternately(20);

        assertThat(fast.seqsOf("AAPL")).hasSize(20).isSorted().doesNotHaveDuplicates();
        assertThat(fast.seqsOf("MSFT")).hasSize(20).isSorted().doesNotHaveDuplicates();
        assertThat(fast.messages()).allMatch(m -> Frames.conflated(m) == 0);
        assertThat(fast.connection().isConflating()).isFalse();
        assertThat(fast.sink().isClosed()).isFalse();
    }

    @Test
    void conflatedUpdateIsEncodedForTheSlowClientOnlyAndUnconflatedOnesAreShared() {
        subscribeBoth("AAPL");
        slow.sink().setWritable(false);
        for (long seq = 1; seq <= BUFFER + 3; seq++) {
            publish("AAPL", seq, seq);
        }

        slow.sink().setWritable(true);
        slow.connection().writable();
        hub.drain();

        List<byte[]> slowWrites = slow.sink().writes();
        List<byte[]> fastWrites = fast.sink().writes();
        assertThat(slowWrites).hasSize(BUFFER + 1);
        assertThat(slowWrites.getFirst()).isSameAs(fastWrites.getFirst());
        assertThat(slowWrites.getLast()).isNotSameAs(fastWrites.getLast());
        assertThat(Frames.conflated(slow.messages().getLast())).isEqualTo(2);
    }

    @Test
    void singleUpdateHeldWhileConflatingHasNoConflatedField() {
        subscribeBoth("AAPL", "MSFT");
        slow.sink().setWritable(false);
        publish("AAPL", 1, BUFFER); // fills the queue
        publish("MSFT", 1, 1); // held in the conflation map, replacing nothing

        slow.sink().setWritable(true);
        slow.connection().writable();
        hub.drain();

        assertThat(slow.seqsOf("MSFT")).containsExactly(1L);
        assertThat(Frames.raw(slow.updatesOf("MSFT").getFirst(), "conflated")).isNull();
        assertThat(hub.metrics.conflated()).isZero();
    }

    @Test
    void clientThatCaughtUpLeavesConflationAndGetsEveryUpdateAgain() {
        subscribeBoth("AAPL");
        slow.sink().setWritable(false);
        publish("AAPL", 1, BUFFER + 5);
        slow.sink().setWritable(true);
        slow.connection().writable();
        hub.drain();

        publish("AAPL", BUFFER + 6, BUFFER + 8);
        hub.drain();

        assertThat(slow.connection().isConflating()).isFalse();
        List<String> updates = slow.updatesOf("AAPL");
        assertThat(slow.seqsOf("AAPL")).isSorted().doesNotHaveDuplicates().endsWith(
                (long) BUFFER + 6, (long) BUFFER + 7, (long) BUFFER + 8);
        assertThat(updates.subList(updates.size() - 3, updates.size())).allMatch(u -> Frames.conflated(u) == 0);
    }

    @Test
    void repliesStillReachAConflatingClientInOrder() {
        subscribeBoth("AAPL");
        slow.sink().setWritable(false);
        publish("AAPL", 1, BUFFER + 4);

        assertThat(slow.connection().send(NativeMessages.pong("7"))).isTrue();
        slow.sink().setWritable(true);
        slow.connection().writable();
        hub.drain();

        List<String> types = slow.messages().stream().map(Frames::type).toList();
        assertThat(types.indexOf("pong")).as("after the queued updates, before the conflated one")
                .isEqualTo(BUFFER);
        assertThat(slow.seqsOf("AAPL")).endsWith((long) BUFFER + 4);
    }

    /**
     * The timeout is the housekeeping tick's to check, not every update's: an update offered to a
     * conflating client costs the bus thread no clock read. The close comes at the first tick past it.
     */
    @Test
    void clientConflatingLongerThanTheTimeoutIsClosedWith4008AtTheFirstTickPastItWhileUpdatesFlow() {
        subscribeBoth("AAPL");
        slow.sink().setWritable(false);
        publish("AAPL", 1, BUFFER + 1); // conflating from now

        hub.clock.advance(TIMEOUT);
        hub.fanOut.tick();
        hub.drain();
        assertThat(slow.sink().isClosed()).as("not past the timeout yet").isFalse();

        hub.clock.advance(Duration.ofMillis(1));
        publish("AAPL", BUFFER + 2, BUFFER + 3);
        assertThat(slow.sink().isClosed()).as("updates do not check the clock").isFalse();
        hub.fanOut.tick();
        hub.drain();

        assertThat(slow.sink().closeCode()).isEqualTo(Connection.SLOW_CONSUMER);
        assertThat(slow.sink().closeReason()).isEqualTo("slow consumer");
        assertThat(slow.connection().isClosed()).isTrue();
        assertThat(hub.metrics.slowConsumersClosed()).isEqualTo(1);
        assertThat(fast.sink().isClosed()).isFalse();
        assertThat(fast.seqsOf("AAPL")).hasSize(BUFFER + 3);
    }

    @Test
    void clientConflatingLongerThanTheTimeoutIsClosedWith4008OnTheNextTick() {
        subscribeBoth("AAPL");
        slow.sink().setWritable(false);
        publish("AAPL", 1, BUFFER + 1);

        hub.clock.advance(TIMEOUT.plusMillis(1));
        hub.fanOut.tick();
        hub.drain();

        assertThat(slow.sink().closeCode()).isEqualTo(Connection.SLOW_CONSUMER);
        assertThat(hub.metrics.slowConsumersClosed()).isEqualTo(1);
        assertThat(fast.sink().isClosed()).isFalse();
    }

    @Test
    void slowConsumerIsClosedOnceAndNothingIsWrittenAfterwards() {
        subscribeBoth("AAPL");
        slow.sink().setWritable(false);
        publish("AAPL", 1, BUFFER + 1);
        hub.clock.advance(TIMEOUT.plusMillis(1));

        hub.fanOut.tick();
        publish("AAPL", BUFFER + 2, BUFFER + 4);
        hub.fanOut.tick();
        slow.sink().setWritable(true);
        slow.connection().writable();
        hub.drain();

        assertThat(slow.sink().closes()).isEqualTo(1);
        assertThat(hub.metrics.slowConsumersClosed()).isEqualTo(1);
        assertThat(slow.sink().frames()).isEmpty();
    }

    @Test
    void clientThatCaughtUpIsNotClosedWhenTheMarketGoesQuiet() {
        subscribeBoth("AAPL");
        slow.sink().setWritable(false);
        publish("AAPL", 1, BUFFER + 3); // a burst: conflating
        slow.sink().setWritable(true);
        slow.connection().writable();
        hub.drain(); // ... and caught up at once; then no update for a while

        hub.clock.advance(TIMEOUT.plusSeconds(1));
        hub.fanOut.tick();
        hub.drain();

        assertThat(slow.sink().isClosed()).isFalse();
        assertThat(hub.metrics.slowConsumersClosed()).isZero();
        publish("AAPL", BUFFER + 4, BUFFER + 4);
        hub.drain();
        assertThat(slow.seqsOf("AAPL")).endsWith((long) BUFFER + 4);
    }

    @Test
    void fullQueueOfRepliesClosesTheClientAsSlowRatherThanBlocking() {
        slow.sink().setWritable(false);
        int capacity = Hub.SMALL.queueCapacity();

        for (int i = 0; i < capacity; i++) {
            assertThat(slow.connection().send(NativeMessages.pong(String.valueOf(i)))).isTrue();
        }
        assertThat(slow.connection().send(NativeMessages.pong("overflow"))).isFalse();
        hub.drain();

        assertThat(slow.sink().closeCode()).isEqualTo(Connection.SLOW_CONSUMER);
        assertThat(hub.metrics.slowConsumersClosed()).isEqualTo(1);
    }
}
