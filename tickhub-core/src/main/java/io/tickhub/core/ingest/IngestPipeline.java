package io.tickhub.core.ingest;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.tickhub.core.quote.RawQuote;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Carries provider quotes from any thread to the {@link Sequencer} on its own single thread,
 * through an LMAX Disruptor ring (multi-producer, one consumer). Thread-safe {@link #submit}.
 *
 * <p>A full ring blocks the submitting provider until there is room: back-pressure, not loss.
 * The consumer waits with a blocking strategy, not a busy spin: this machine class has two
 * cores, and a spinning consumer would take one of them from the fan-out.
 */
public final class IngestPipeline implements QuoteSink, AutoCloseable {

    /** One ring slot, a quote or a task; the consumer clears it after use so the ring retains no quotes. */
    private static final class Slot {
        RawQuote quote;
        SequencerTask task;
    }

    /** Work that must run on the sequencer thread, in ring order with the quotes ({@link #runOnSequencer}). */
    private record SequencerTask(Consumer<Sequencer> action, CompletableFuture<Void> done) {
        void runOn(Sequencer sequencer) {
            try {
                action.accept(sequencer);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }

    private static final EventTranslatorOneArg<Slot, RawQuote> PUT_QUOTE = (slot, seq, quote) -> slot.quote = quote;
    /** Most quotes {@link #submitAll} makes visible at once: a provider with many waits for room in steps. */
    private static final int MAX_RUN = 256;

    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;
    private final LongAdder processed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final CountDownLatch consumerRunning = new CountDownLatch(1);
    private final AtomicInteger submitting = new AtomicInteger();
    private final Consumer<RuntimeException> onFailure;
    private volatile boolean started;

    /** @see #IngestPipeline(Sequencer, int, Consumer) */
    public IngestPipeline(Sequencer sequencer, int ringSize) {
        this(sequencer, ringSize, e -> { });
    }

    /**
     * @param ringSize  power of two; how many quotes may wait for the sequencer
     * @param onFailure told (on the sequencer thread) of every exception the sequencer threw, and of
     *                  quotes abandoned by a {@link #close} that timed out; logging lives outside the core
     */
    public IngestPipeline(Sequencer sequencer, int ringSize, Consumer<RuntimeException> onFailure) {
        ThreadFactory threads = runnable -> {
            Thread t = new Thread(runnable, "tickhub-sequencer");
            t.setDaemon(true);
            return t;
        };
        // Lite: a producer takes the wait strategy's lock only when the sequencer is asleep, not on
        // every publish. With BlockingWaitStrategy the simulator spent a sixth of a saturated core in
        // that lock at 40,000 quotes/s (JFR, docs/performance.md); the sequencer still sleeps when idle.
        this.disruptor = new Disruptor<>(Slot::new, ringSize, threads, ProducerType.MULTI, new LiteBlockingWaitStrategy());
        EventHandler<Slot> handler = new EventHandler<>() {
            @Override
            public void onStart() {
                consumerRunning.countDown();
            }

            @Override
            public void onEvent(Slot slot, long sequence, boolean endOfBatch) {
                RawQuote quote = slot.quote;
                SequencerTask task = slot.task;
                slot.quote = null;
                slot.task = null;
                // An exception must not reach the Disruptor: its default handler ends the one thread that
                // sequences every symbol, and every provider then blocks on the full ring for good.
                if (task != null) {
                    task.runOn(sequencer);
                } else {
                    try {
                        sequencer.accept(quote);
                    } catch (RuntimeException e) {
                        failed.increment();
                        onFailure.accept(e);
                    }
                    processed.increment();
                }
                if (endOfBatch) {
                    try {
                        sequencer.endOfBatch();
                    } catch (RuntimeException e) {
                        failed.increment();
                        onFailure.accept(e);
                    }
                }
            }
        };
        disruptor.handleEventsWith(handler);
        this.ring = disruptor.getRingBuffer();
        this.onFailure = onFailure;
    }

    /** Starts the sequencer thread and returns once it runs (only a running consumer is drained by {@link #close}). */
    public void start() {
        disruptor.start();
        try {
            consumerRunning.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting ingest", e);
        }
        started = true;
    }

    @Override
    public void submit(RawQuote quote) {
        Objects.requireNonNull(quote, "quote");
        whileRunning(() -> ring.publishEvent(PUT_QUOTE, quote));
    }

    /**
     * Publishes the quotes in runs of consecutive slots, each made visible to the sequencer at once:
     * one wake-up of a sleeping sequencer per run instead of one per quote. On one core a wake-up
     * switched to the sequencer before the provider could publish the next quote, so a provider
     * handing over a slice of quotes one at a time paid a context switch in each direction for
     * every quote (at 15,000 quotes/s, a sixth of the simulator's and the sequencer's time).
     */
    @Override
    public void submitAll(List<RawQuote> quotes) {
        RawQuote[] all = quotes.toArray(RawQuote[]::new);
        for (RawQuote quote : all) {
            Objects.requireNonNull(quote, "quote");
        }
        whileRunning(() -> {
            // A run longer than the ring could never be claimed at once.
            int run = Math.min(MAX_RUN, ring.getBufferSize());
            for (int from = 0; from < all.length; from += run) {
                ring.publishEvents(PUT_QUOTE, from, Math.min(run, all.length - from), all);
            }
        });
    }

    /**
     * Runs {@code action} on the sequencer thread after every quote submitted before this call and
     * before any submitted after it: how another thread changes what only the sequencer may touch
     * (a symbol's numbering, which symbols it owns). Blocks like {@link #submit} when the ring is full.
     *
     * @return completed once the action has run (exceptionally with what it threw)
     * @throws IllegalStateException when the pipeline is not running
     */
    public CompletableFuture<Void> runOnSequencer(Consumer<Sequencer> action) {
        Objects.requireNonNull(action, "action");
        SequencerTask task = new SequencerTask(action, new CompletableFuture<>());
        whileRunning(() -> ring.publishEvent((slot, seq, t) -> slot.task = t, task));
        return task.done();
    }

    /**
     * Publishes into the ring unless the pipeline is stopped. The publisher is announced before
     * {@code started} is checked: close() clears {@code started} and then waits for
     * {@code submitting} to reach zero, so everything that passed the check is in the ring before
     * the ring is drained, and nothing is published into a stopped ring.
     */
    private void whileRunning(Runnable publish) {
        submitting.incrementAndGet();
        try {
            if (!started) {
                throw new IllegalStateException("ingest is not running");
            }
            publish.run();
        } finally {
            submitting.decrementAndGet();
        }
    }

    /** Quotes the sequencer has handled (accepted or rejected) since start. */
    public long processedCount() {
        return processed.sum();
    }

    /** Times the sequencer threw (a quote it could not handle, a failing bus); the thread carried on. */
    public long failedCount() {
        return failed.sum();
    }

    /** Quotes submitted but not yet handled (and producers waiting for room). */
    public long backlog() {
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    /**
     * Stops accepting, waits for submissions already under way, drains everything submitted through
     * the sequencer, then stops its thread. If draining takes longer than {@code 10 s} the rest is
     * abandoned and reported to the failure callback with its count.
     */
    @Override
    public void close() {
        if (!started) {
            return;
        }
        started = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (submitting.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        try {
            disruptor.shutdown(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (com.lmax.disruptor.TimeoutException e) {
            long abandoned = backlog();
            disruptor.halt();
            onFailure.accept(new IllegalStateException(
                    "ingest closed after 10 s with " + abandoned + " quotes not sequenced"));
        }
    }
}
