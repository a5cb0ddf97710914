package io.tickhub.server.bus.kafka;

import io.tickhub.core.bus.RawQuoteCodec;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.quote.RawQuote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the raw quotes other ingest nodes handed to this one ({@link KafkaRawForwarder}) and
 * submits them into this node's ingest, as a provider would. It reads exactly the raw partitions
 * whose numbers are the quotes partitions this node sequences: {@link KafkaIngestOwnership} adds
 * them after the sequencer has taken them and removes them before it releases them, so what is
 * read here is sequenced here, never handed off again.
 *
 * <p>A partition is read from the offset its previous owner committed in the forward group. A
 * batch is committed once the sequencer has handled it (journaled and published what it
 * accepted), so a node that dies leaves to the next owner at most its last uncommitted batch,
 * which is then sequenced again: the sequencer drops what repeats its last accepted observation
 * of the symbol, and gives anything else new seqs, never a seq issued before.
 */
final class KafkaRawReceiver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaRawReceiver.class);
    /** Longest the sequencer may take to handle a batch before the thread gives up (and says so). */
    private static final Duration SEQUENCED = Duration.ofSeconds(60);

    /** A change of the partitions read, applied on the reader thread between two batches. */
    private record Change(Set<Integer> partitions, boolean read, CompletableFuture<Void> done) {
    }

    private final String topic;
    private final Duration pollTimeout;
    private final IngestPipeline pipeline;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ConsumerThread thread;
    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder undecodable = new LongAdder();

    KafkaRawReceiver(KafkaBusSettings settings, String topic, String group, IngestPipeline pipeline,
                     Thread.UncaughtExceptionHandler onStopped) {
        this.topic = topic;
        this.pollTimeout = settings.pollTimeout();
        this.pipeline = pipeline;
        this.consumer = new KafkaConsumer<>(KafkaClients.rawReceiver(settings, group));
        this.thread = new ConsumerThread("tickhub-raw-receiver", consumer, onStopped, this::run);
    }

    void start() {
        thread.start();
    }

    /** Starts reading these partitions. @return completed once they are assigned */
    CompletableFuture<Void> read(Set<Integer> partitions) {
        return change(partitions, true);
    }

    /**
     * Stops reading these partitions. @return completed once everything read from them is in the
     * sequencer's ring and committed, and nothing more will be
     */
    CompletableFuture<Void> stopReading(Set<Integer> partitions) {
        return change(partitions, false);
    }

    private CompletableFuture<Void> change(Set<Integer> partitions, boolean read) {
        Change change = new Change(new TreeSet<>(partitions), read, new CompletableFuture<>());
        if (!thread.open()) {
            change.done().complete(null); // closed: it reads nothing
            return change.done();
        }
        changes.add(change);
        return change.done();
    }

    /** Raw quotes read and submitted into this node's ingest. */
    long receivedCount() {
        return received.sum();
    }

    /** Records that were not raw quotes (skipped). */
    long undecodableCount() {
        return undecodable.sum();
    }

    private void run() {
        Set<TopicPartition> assigned = new HashSet<>();
        try {
            while (thread.open()) {
                // With nothing assigned a consumer cannot poll: wait for a change instead.
                Change change = assigned.isEmpty() ? changes.poll(pollTimeout.toMillis(), TimeUnit.MILLISECONDS) : changes.poll();
                while (change != null) {
                    apply(change, assigned);
                    change = changes.poll();
                }
                if (!assigned.isEmpty()) {
                    submit(consumer.poll(pollTimeout));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Nobody waits for ever on a reader that has ended.
            List<Change> left = new ArrayList<>();
            changes.drainTo(left);
            left.forEach(c -> c.done().complete(null));
        }
    }

    private void apply(Change change, Set<TopicPartition> assigned) {
        for (int partition : change.partitions()) {
            TopicPartition tp = new TopicPartition(topic, partition);
            if (change.read()) {
                assigned.add(tp);
            } else {
                assigned.remove(tp);
            }
        }
        // Partitions kept keep their position; a new one starts at the group's committed offset.
        consumer.assign(assigned);
        change.done().complete(null);
        log.info("{} raw quotes of partitions {} of {}", change.read() ? "Reading" : "Stopped reading",
                change.partitions(), topic);
    }

    private void submit(ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        List<RawQuote> decoded = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            RawQuote quote;
            try {
                quote = RawQuoteCodec.decode(record.value());
            } catch (IllegalArgumentException e) {
                undecodable.increment();
                log.warn("Skipped record {} of {}-{}: {}", record.offset(), record.topic(), record.partition(), e.getMessage());
                continue;
            }
            decoded.add(quote);
        }
        pipeline.submitAll(decoded); // the poll's quotes together: one wake-up of the sequencer
        received.add(decoded.size());
        // Committed only once the sequencer has handled the batch: until then its next owner must read it again.
        awaitSequenced();
        consumer.commitSync(next);
    }

    private void awaitSequenced() {
        try {
            pipeline.runOnSequencer(sequencer -> { }).get(SEQUENCED.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the sequencer handled raw quotes", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The sequencer did not handle raw quotes within " + SEQUENCED, e);
        }
    }

    @Override
    public void close() {
        thread.close();
    }
}
