package io.tickhub.server.bus.kafka;

import java.time.Duration;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread a Kafka consumer is read on for as long as its owner is open (the bus, a worker,
 * the news reader). The body polls while {@link #open()}; {@link #close} wakes the consumer out
 * of a poll or a commit and waits for the body to end; the consumer is closed on the thread. It
 * ends only that way: anything else that ends the body (an exception, an {@link Error} such as
 * {@link OutOfMemoryError}) goes to {@code onStopped} once the consumer is closed.
 */
final class ConsumerThread {

    private static final Logger log = LoggerFactory.getLogger(ConsumerThread.class);

    private final Consumer<?, ?> consumer;
    private final Thread thread;
    private volatile boolean closed;

    /** Not started: the owner starts it once its own fields, which the body reads, are set. */
    ConsumerThread(String name, Consumer<?, ?> consumer, Thread.UncaughtExceptionHandler onStopped, Runnable body) {
        this.consumer = consumer;
        this.thread = Thread.ofPlatform().name(name).daemon().uncaughtExceptionHandler(onStopped)
                .unstarted(() -> run(body));
    }

    void start() {
        thread.start();
    }

    /** False once {@link #close} was called: the body should stop. */
    boolean open() {
        return !closed;
    }

    private void run(Runnable body) {
        try {
            body.run();
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } finally {
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException e) {
                // logged, not thrown: it must not hide why the thread ended
                log.warn("Could not close a Kafka consumer cleanly: {}", e.toString());
            }
        }
    }

    void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
