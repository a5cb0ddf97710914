package io.tickhub.server.bus.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.tickhub.core.bus.BusListeners;
import io.tickhub.core.bus.QuoteBus;
import io.tickhub.core.bus.QuoteCodec;
import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.quote.Quote;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quote bus on Redis pub/sub, for small deployments that have Redis but not Kafka. Every
 * quote is one {@code PUBLISH} on the bus channel from one connection, so subscribers see the
 * publisher's order. Lettuce hands messages over on its I/O thread; they are queued (never
 * blocking that thread) and delivered by one thread of the bus's own, which ends each drain with
 * a batch end, so each symbol has one writer downstream.
 *
 * <p>Pub/sub keeps nothing: a node that is disconnected misses what is published meanwhile (it
 * resumes from the store and the book), and while Redis is down, publishes fail and are counted.
 * Use Kafka when every quote must reach every node.
 */
public final class RedisQuoteBus implements QuoteBus {

    private static final Logger log = LoggerFactory.getLogger(RedisQuoteBus.class);
    /** Messages waiting for the delivery thread; past this the newest are dropped and counted. */
    static final int QUEUE_CAPACITY = 1 << 16;

    private final byte[] channel;
    private final StatefulRedisConnection<byte[], byte[]> publisher;
    private final StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
    private final BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final BusListeners listeners;
    private final AtomicLong publishFailures = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final Thread delivery;
    private volatile boolean closed;

    public RedisQuoteBus(RedisClient client, String channel, BiConsumer<QuoteListener, RuntimeException> onFailure) {
        this(client, channel, onFailure,
                (thread, cause) -> log.error("The Redis bus stopped delivering ({})", thread.getName(), cause));
    }

    /** @param onStopped told if the delivery thread ends other than by {@link #close} (an {@link Error}) */
    public RedisQuoteBus(RedisClient client, String channel, BiConsumer<QuoteListener, RuntimeException> onFailure,
                         Thread.UncaughtExceptionHandler onStopped) {
        this.channel = channel.getBytes(StandardCharsets.UTF_8);
        this.listeners = new BusListeners(onFailure);
        this.publisher = client.connect(ByteArrayCodec.INSTANCE);
        this.subscriber = client.connectPubSub(ByteArrayCodec.INSTANCE);
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] from, byte[] message) {
                if (!received.offer(message)) {
                    overflows.incrementAndGet();
                }
            }
        });
        subscriber.sync().subscribe(this.channel); // returns once Redis confirms: "ready" from here on
        this.delivery = Thread.ofPlatform().name("tickhub-redis-bus").daemon()
                .uncaughtExceptionHandler(onStopped).start(this::deliver);
    }

    @Override
    public void publish(Quote quote) {
        publisher.async().publish(channel, QuoteCodec.encode(quote)).exceptionally(error -> {
            if (publishFailures.getAndIncrement() % 1000 == 0) {
                log.warn("Redis did not take a quote of {} (seq {}); {} lost so far: {}", quote.symbol(), quote.seq(),
                        publishFailures.get(), error.getMessage());
            }
            return null;
        });
    }

    /** Each publish is already on its way; Lettuce pipelines them on the connection. */
    @Override
    public void endOfBatch() {
    }

    @Override
    public void subscribe(QuoteListener listener) {
        listeners.add(listener);
    }

    public long publishFailures() {
        return publishFailures.get();
    }

    /** Messages dropped because the delivery thread fell {@value #QUEUE_CAPACITY} behind. */
    public long overflows() {
        return overflows.get();
    }

    public long undecodable() {
        return undecodable.get();
    }

    private void deliver() {
        List<byte[]> batch = new ArrayList<>(1024);
        while (!closed) {
            try {
                byte[] first = received.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                received.drainTo(batch, 4095);
                batch.forEach(this::deliver);
                batch.clear();
                listeners.endBatch();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void deliver(byte[] message) {
        Quote quote;
        try {
            quote = QuoteCodec.decode(message);
        } catch (IllegalArgumentException e) {
            undecodable.incrementAndGet();
            log.warn("Skipped a message on the Redis bus: {}", e.getMessage());
            return;
        }
        listeners.deliver(quote);
    }

    public long listenerFailures() {
        return listeners.failures();
    }

    @Override
    public void close() {
        closed = true;
        delivery.interrupt();
        try {
            delivery.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscriber.close();
        publisher.close();
    }
}
