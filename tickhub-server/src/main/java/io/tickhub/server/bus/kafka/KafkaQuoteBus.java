package io.tickhub.server.bus.kafka;

import io.tickhub.core.bus.BusListeners;
import io.tickhub.core.bus.QuoteBus;
import io.tickhub.core.bus.QuoteCodec;
import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.quote.Quote;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quote bus on Kafka. The publisher (the ingest sequencer) sends each quote keyed by its
 * symbol, so one symbol stays in one partition and in seq order; the producer is idempotent with
 * {@code acks=all}, so a retried send is neither lost nor doubled. One consumer thread reads every
 * partition (no consumer group: each gateway needs every quote) and delivers to the listeners,
 * so each symbol has one writer downstream, as on the in-process bus.
 *
 * <p>{@link #publish} never blocks the sequencer: the producer buffers and sends on its own
 * thread. A quote the producer finally cannot send (the broker gone past {@code delivery.timeout.ms})
 * is counted in {@link #sendFailures()} and logged; the sequencer has already given it its seq.
 *
 * <p>The consumer thread ends only on {@link #close}. Anything else that ends it (an exception
 * from the client, an {@link Error} such as {@link OutOfMemoryError}) goes to the
 * {@code onStopped} handler, so the node can report that its book no longer moves.
 */
public final class KafkaQuoteBus implements QuoteBus {

    private static final Logger log = LoggerFactory.getLogger(KafkaQuoteBus.class);
    /** For a bus nobody watches (tests): the stop is logged, nothing more. */
    static final Thread.UncaughtExceptionHandler LOG_STOP =
            (thread, cause) -> log.error("The Kafka bus stopped delivering ({})", thread.getName(), cause);

    private final KafkaBusSettings settings;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final BusListeners listeners;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final ConsumerThread delivery;

    public KafkaQuoteBus(KafkaBusSettings settings) {
        this(settings, (listener, e) -> log.error("Bus listener {} failed", listener, e));
    }

    /** @param onFailure told of every listener exception; the other listeners still get the quote */
    public KafkaQuoteBus(KafkaBusSettings settings, BiConsumer<QuoteListener, RuntimeException> onFailure) {
        this(settings, onFailure, LOG_STOP);
    }

    /** @param onStopped told if the consumer thread ends other than by {@link #close} */
    public KafkaQuoteBus(KafkaBusSettings settings, BiConsumer<QuoteListener, RuntimeException> onFailure,
                         Thread.UncaughtExceptionHandler onStopped) {
        this(settings, onFailure, onStopped, true);
    }

    /** @param consume whether this node reads the topic (a gateway) or only publishes to it (an ingest node) */
    private KafkaQuoteBus(KafkaBusSettings settings, BiConsumer<QuoteListener, RuntimeException> onFailure,
                          Thread.UncaughtExceptionHandler onStopped, boolean consume) {
        this.settings = settings;
        this.listeners = new BusListeners(onFailure);
        KafkaTopics.ensure(settings);
        this.producer = new KafkaProducer<>(KafkaClients.producer(settings));
        if (consume) {
            this.consumer = new KafkaConsumer<>(KafkaClients.consumer(settings));
            this.delivery = new ConsumerThread("tickhub-kafka-bus", consumer, onStopped, this::deliver);
            delivery.start();
        } else {
            this.consumer = null;
            this.delivery = null;
            ready.countDown();
        }
    }

    /**
     * A bus that only publishes: an ingest node's. Its listeners hear nothing; the topic's readers
     * are the gateways and workers.
     */
    public static KafkaQuoteBus publishOnly(KafkaBusSettings settings) {
        return new KafkaQuoteBus(settings, (listener, e) -> { }, LOG_STOP, false);
    }

    @Override
    public void publish(Quote quote) {
        producer.send(new ProducerRecord<>(settings.topic(), quote.symbol(), QuoteCodec.encode(quote)), (meta, error) -> {
            if (error != null && sendFailures.getAndIncrement() % 1000 == 0) {
                log.error("Kafka could not take a quote of {} (seq {}); {} lost so far", quote.symbol(), quote.seq(),
                        sendFailures.get(), error);
            }
        });
    }

    /**
     * Blocks until every quote published so far is written to the topic (or has finally failed):
     * an ingest node that gives up symbols calls it, so their next owner reads every seq it issued.
     */
    public void flush() {
        producer.flush();
    }

    /**
     * The producer quotes are published with, for the sequencer's other sends (quotes handed to
     * another node, {@link KafkaRawForwarder}): they then live as long as the bus, which outlasts
     * ingest, and a {@link #flush} writes them too.
     */
    KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    /** The producer batches by itself ({@code linger.ms}); waiting here would stall ingest. */
    @Override
    public void endOfBatch() {
    }

    @Override
    public void subscribe(QuoteListener listener) {
        listeners.add(listener);
    }

    /** A bus whose consumer is positioned: the hub starts accepting quotes only once they will be read. */
    public static KafkaQuoteBus startedAndReady(KafkaBusSettings settings,
                                                BiConsumer<QuoteListener, RuntimeException> onFailure,
                                                Thread.UncaughtExceptionHandler onStopped) {
        KafkaQuoteBus bus = new KafkaQuoteBus(settings, onFailure, onStopped);
        try {
            if (!bus.awaitReady(Duration.ofSeconds(60))) {
                bus.close();
                throw new IllegalStateException("The Kafka bus at " + settings.bootstrapServers()
                        + " was not ready within 60 s (topic " + settings.topic() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bus.close();
            throw new IllegalStateException("Interrupted while starting the Kafka bus", e);
        }
        return bus;
    }

    /** Waits until the consumer has its partitions and position: what is published next is read. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long sendFailures() {
        return sendFailures.get();
    }

    public long undecodable() {
        return undecodable.get();
    }

    private void deliver() {
        KafkaOffsets.assignAll(consumer, settings, settings.startAt()); // positioned: "ready" means ready
        ready.countDown();
        while (delivery.open()) {
            ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
            if (!records.isEmpty()) {
                records.forEach(this::deliver);
                listeners.endBatch();
            }
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        Quote quote = KafkaRecords.quoteOrNull(record);
        if (quote == null) {
            undecodable.incrementAndGet();
        } else {
            listeners.deliver(quote);
        }
    }

    public long listenerFailures() {
        return listeners.failures();
    }

    @Override
    public void close() {
        if (delivery != null) {
            delivery.close();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
