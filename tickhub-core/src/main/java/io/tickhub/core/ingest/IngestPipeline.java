package io.tickhub.core.ingest;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.tickhub.core.quote.RawQuote;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Carries provider quotes from any thread to the {@link Sequencer} on its own single thread,
 * through an LMAX Disruptor ring (multi-producer, one consumer). Thread-safe {@link #submit}.
 *
 * <p>A full ring blocks the submitting provider until there is room: back-pressure, not loss.
 * The consumer waits with a blocking strategy, not a busy spin: this machine class has two
 * cores, and a spinning consumer would take one of them from the fan-out.
 */
public final class IngestPipeline implements QuoteSink, AutoCloseable {

    /** One ring slot; the consumer clears it after use so the ring retains no quotes. */
    private static final class Slot {
        RawQuote quote;
    }

    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;
    private final LongAdder processed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final CountDownLatch consumerRunning = new CountDownLatch(1);
    private volatile boolean started;

    /**
     * @param ringSize power of two; how many quotes may wait for the sequencer
     */
    public IngestPipeline(Sequencer sequencer, int ringSize) {
        ThreadFactory threads = runnable -> {
            Thread t = new Thread(runnable, "tickhub-sequencer");
            t.setDaemon(true);
            return t;
        };
        this.disruptor = new Disruptor<>(Slot::new, ringSize, threads, ProducerType.MULTI, new BlockingWaitStrategy());
        EventHandler<Slot> handler = new EventHandler<>() {
            @Override
            public void onStart() {
                consumerRunning.countDown();
            }

            @Override
            public void onEvent(Slot slot, long sequence, boolean endOfBatch) {
                RawQuote quote = slot.quote;
                slot.quote = null;
                // An exception must not reach the Disruptor: its default handler ends the one thread that
                // sequences every symbol, and every provider then blocks on the full ring for good.
                try {
                    sequencer.accept(quote);
                } catch (RuntimeException e) {
                    failed.increment();
                }
                processed.increment();
                if (endOfBatch) {
                    try {
                        sequencer.endOfBatch();
                    } catch (RuntimeException e) {
                        failed.increment();
                    }
                }
            }
        };
        disruptor.handleEventsWith(handler);
        this.ring = disruptor.getRingBuffer();
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
        if (!started) {
            throw new IllegalStateException("ingest is not running");
        }
        Objects.requireNonNull(quote, "quote");
        ring.publishEvent((slot, seq, q) -> slot.quote = q, quote);
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

    /** Stops accepting, drains what was submitted through the sequencer, then stops its thread. */
    @Override
    public void close() {
        if (!started) {
            return;
        }
        started = false;
        try {
            disruptor.shutdown(10, TimeUnit.SECONDS);
        } catch (com.lmax.disruptor.TimeoutException e) {
            disruptor.halt();
        }
    }
}
