package io.tickhub.server.bus.kafka;

import io.tickhub.core.bus.BusListeners;
import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.store.StoreWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker: one member of the workers' consumer group, which shares the partitions among its
 * members (so each symbol has one writer), hands every quote to its listeners (the store writer,
 * the bars, the shared cache) and commits a batch's offsets only once the store has it all.
 * A worker that dies before committing is replaced by one that reads the batch again; the store
 * keys quotes by symbol and seq, so the replay stores nothing twice.
 *
 * <p>A commit the broker cannot take (it is restarting, its coordinator is moving) is tried again
 * until it succeeds, so a broker restart costs a wait, not the worker. A commit refused because the
 * group took the partitions away is dropped: their new owner reads the batch again. The consumer
 * thread ends only on {@link #close}; anything else that ends it goes to {@code onStopped}.
 */
public final class KafkaWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaWorker.class);
    /** One commit attempt; short, so a worker waiting out a broker restart logs that it is waiting. */
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaBusSettings settings;
    private final StoreWriter store;
    private final BusListeners listeners;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AtomicLong committedBatches = new AtomicLong();
    private final AtomicLong replays = new AtomicLong();
    private final AtomicLong commitRetries = new AtomicLong();
    private final ConsumerThread thread;
    private volatile int assigned;

    public KafkaWorker(KafkaBusSettings settings, StoreWriter store, List<QuoteListener> listeners,
                       BiConsumer<QuoteListener, RuntimeException> onFailure) {
        this(settings, store, listeners, onFailure,
                (thread, cause) -> log.error("The Kafka worker stopped ({})", thread.getName(), cause));
    }

    /** @param onStopped told if the consumer thread ends other than by {@link #close} */
    public KafkaWorker(KafkaBusSettings settings, StoreWriter store, List<QuoteListener> listeners,
                       BiConsumer<QuoteListener, RuntimeException> onFailure, Thread.UncaughtExceptionHandler onStopped) {
        this.settings = settings;
        this.store = store;
        this.listeners = new BusListeners(onFailure);
        listeners.forEach(this.listeners::add);
        KafkaTopics.ensure(settings);
        this.consumer = new KafkaConsumer<>(KafkaClients.worker(settings));
        this.thread = new ConsumerThread("tickhub-kafka-worker", consumer, onStopped, this::run);
        thread.start();
    }

    /** Partitions this worker holds now in its group. */
    public int assignedPartitions() {
        return assigned;
    }

    public long committedBatches() {
        return committedBatches.get();
    }

    /** Batches read again because the store writer refused or lost some of their rows. */
    public long replays() {
        return replays.get();
    }

    /** Commits tried again because the broker could not take them at once (it was away, or busy). */
    public long commitRetries() {
        return commitRetries.get();
    }

    private void run() {
        consumer.subscribe(List.of(settings.topic()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                assigned = 0; // every batch is committed before the next poll: nothing to hand over
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                assigned = consumer.assignment().size();
                log.info("Worker assigned {} partition(s) of {}", assigned, settings.topic());
            }
        });
        while (thread.open()) {
            ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
            if (!records.isEmpty()) {
                handle(records);
            }
        }
    }

    private void handle(ConsumerRecords<String, byte[]> records) {
        long refusedBefore = store.status().overflow();
        Map<TopicPartition, Long> first = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            first.putIfAbsent(partition, record.offset());
            next.put(partition, new OffsetAndMetadata(record.offset() + 1));
            deliver(record);
        }
        listeners.endBatch();
        boolean stored = awaitStored();
        if (!thread.open()) {
            return; // nothing committed: the worker that takes the partitions over reads the batch again
        }
        if (!stored || store.status().overflow() != refusedBefore) {
            // Some rows never reached the store: read the batch again rather than commit past them.
            replays.incrementAndGet();
            first.forEach(consumer::seek);
            return;
        }
        commit(next);
    }

    /** Commits the batch, trying again while the broker cannot answer; see the class comment. */
    private void commit(Map<TopicPartition, OffsetAndMetadata> next) {
        while (thread.open()) {
            try {
                consumer.commitSync(next, COMMIT_TIMEOUT);
                committedBatches.incrementAndGet();
                return;
            } catch (CommitFailedException | RebalanceInProgressException e) {
                log.info("Batch not committed, its partitions moved ({}); their owner reads it again", e.getMessage());
                return;
            } catch (RetriableException e) {
                commitRetries.incrementAndGet();
                log.warn("Kafka did not take a commit ({}); trying again", e.getMessage());
            }
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        Quote quote = KafkaRecords.quoteOrNull(record);
        if (quote != null) {
            listeners.deliver(quote);
        }
    }

    /** Waits for the store, however long the database is away, unless the worker is closing. */
    private boolean awaitStored() {
        CompletableFuture<Void> stored = store.stored();
        while (thread.open()) {
            try {
                stored.get(1, TimeUnit.SECONDS);
                return true;
            } catch (TimeoutException e) {
                // still writing or retrying; the group keeps us as long as max.poll.interval.ms allows
            } catch (ExecutionException e) {
                log.warn("The store writer could not confirm a batch: {}", e.getCause().getMessage());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        thread.close();
    }
}
