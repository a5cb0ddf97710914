package io.tickhub.server.bus.kafka;

import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.ingest.SymbolOwnership;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which symbols this ingest node sequences, when several share the quotes topic: those whose
 * partition the node holds in the ingest nodes' consumer group. The group hands each partition to
 * one member at a time, so one node at a time gives a symbol its seqs.
 *
 * <p>On assignment the node reads what the partitions' previous owners published (the unstored
 * tail from the workers' committed offsets, then the store, which has everything before them) and
 * only then takes the partitions: each symbol continues after the last seq published. On
 * revocation it stops sequencing them (quotes still in the ring are refused when their turn
 * comes), then flushes the producer, before the group may give them to another node. Both steps
 * reach the sequencer through its ring ({@link IngestPipeline#runOnSequencer}): the sequencer
 * thread stays the one writer of seqs and of the owned set.
 *
 * <p>Quotes of symbols another node sequences are handed to it over the raw-quotes topic
 * ({@link KafkaRawForwarder}); this node reads the raw partitions with the numbers of the
 * partitions it sequences ({@link KafkaRawReceiver}): from just after it has taken them until just
 * before it releases them, so everything it reads there it sequences itself.
 *
 * <p>A node that dies ({@code kill -9}) keeps its partitions until the group's session timeout
 * passes; the others then take them. A node stalled longer than that (a GC pause, a frozen VM) may
 * still publish what its ring held before its consumer learns it lost them: the group protocol,
 * not the broker, fences it.
 */
public final class KafkaIngestOwnership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaIngestOwnership.class);
    /** Longest a tail read or a hand-over to the sequencer may take before the node gives up (and says so). */
    private static final Duration HAND_OVER = Duration.ofSeconds(60);

    private final KafkaBusSettings settings;
    private final SymbolOwnership ownership;
    private final IngestPipeline pipeline;
    private final Runnable flushBus;
    private final Supplier<Map<String, Long>> storedLastSeqs;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ConsumerThread thread;
    private final KafkaRawReceiver rawReceiver;
    /** Partitions the sequencer has taken; written by the consumer thread, read by metrics and tests. */
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

    /**
     * @param ownership      the gate of this node's sequencer
     * @param pipeline       that sequencer's pipeline, running
     * @param flushBus       waits until everything published on the bus is written ({@link KafkaQuoteBus#flush})
     * @param storedLastSeqs each symbol's last stored seq
     * @param handOff        where quotes are handed to this node: the raw-quotes topic and the group its readers commit in
     * @param onStopped      told if a consumer thread ends other than by {@link #close}
     */
    public KafkaIngestOwnership(KafkaBusSettings settings, String group, Duration sessionTimeout,
                                SymbolOwnership ownership, IngestPipeline pipeline, Runnable flushBus,
                                Supplier<Map<String, Long>> storedLastSeqs, HandOff handOff,
                                Thread.UncaughtExceptionHandler onStopped) {
        this.settings = settings;
        this.ownership = ownership;
        this.pipeline = pipeline;
        this.flushBus = flushBus;
        this.storedLastSeqs = storedLastSeqs;
        this.consumer = new KafkaConsumer<>(KafkaClients.ingestOwner(settings, group, sessionTimeout));
        this.thread = new ConsumerThread("tickhub-ingest-ownership", consumer, onStopped, this::run);
        this.rawReceiver = new KafkaRawReceiver(settings, handOff.rawTopic(), handOff.group(), pipeline, onStopped);
    }

    /**
     * @param rawTopic the raw-quotes topic ({@link KafkaRawForwarder} sends to it)
     * @param group    the group the raw topic's readers commit their offsets in
     */
    public record HandOff(String rawTopic, String group) {
    }

    /**
     * The gate for a sequencer whose quotes go to this topic: a symbol's partition is computed as
     * the producer computes it for the symbol as key, over the topic's partition count. Adding
     * partitions to a live topic moves symbols between partitions: restart every ingest node then.
     */
    public static SymbolOwnership gate(KafkaBusSettings settings) {
        KafkaTopics.ensure(settings);
        int partitions = KafkaTopics.partitionCount(settings);
        return new SymbolOwnership(symbol -> partitionOf(symbol, partitions));
    }

    /** Where the producer puts a record keyed by {@code symbol} (StringSerializer: UTF-8; the default partitioner). */
    static int partitionOf(String symbol, int partitions) {
        return BuiltInPartitioner.partitionForKey(symbol.getBytes(StandardCharsets.UTF_8), partitions);
    }

    /** Joins the group; the node sequences nothing until its first assignment is taken. */
    public void start() {
        rawReceiver.start();
        thread.start();
    }

    /** Quotes other nodes handed to this one, read and submitted into its ingest. */
    public long receivedCount() {
        return rawReceiver.receivedCount();
    }

    /** How many partitions of the topic this node sequences now. */
    public int ownedPartitions() {
        return owned.size();
    }

    /** Whether this node sequences {@code symbol} (normalised) now. Any thread. */
    public boolean owns(String symbol) {
        return owned.contains(ownership.partitionOf(symbol));
    }

    private void run() {
        consumer.subscribe(List.of(settings.topic()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty()) {
                    consumer.pause(partitions); // held for ownership only: nothing to read
                    take(List.copyOf(partitions));
                }
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty()) {
                    release(partitions, true);
                }
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                // Out of the group: others may own them already, and nothing published now can be saved.
                if (!partitions.isEmpty()) {
                    release(partitions, false);
                }
            }
        });
        while (thread.open()) {
            consumer.poll(settings.pollTimeout());
        }
    }

    private void take(List<TopicPartition> partitions) {
        Set<Integer> numbers = numbers(partitions);
        // The tail first: reading it reads the workers' committed offsets, and everything before those
        // is in the store by then, so the store read after it misses nothing between the two.
        Map<String, Long> lastSeqs = new HashMap<>();
        KafkaTail.newestUnstored(settings, partitions, HAND_OVER).forEach((symbol, quote) -> lastSeqs.put(symbol, quote.seq()));
        storedLastSeqs.get().forEach((symbol, seq) -> {
            if (numbers.contains(ownership.partitionOf(symbol))) {
                lastSeqs.merge(symbol, seq, Math::max);
            }
        });
        await(pipeline.runOnSequencer(sequencer -> ownership.take(sequencer, numbers, lastSeqs)), "take");
        // Only now: a quote handed over and read before the take would be handed off again.
        await(rawReceiver.read(numbers), "read the raw quotes of");
        owned.addAll(numbers);
        log.info("Sequencing partitions {} of {}: {} known symbols continue after their last published seq",
                numbers, settings.topic(), lastSeqs.size());
    }

    private void release(Collection<TopicPartition> partitions, boolean flush) {
        Set<Integer> numbers = numbers(partitions);
        owned.removeAll(numbers);
        // First: what the reader submitted is then in the ring ahead of the release, so it is sequenced here.
        await(rawReceiver.stopReading(numbers), "stop reading the raw quotes of");
        CompletableFuture<Void> released = null;
        try {
            released = pipeline.runOnSequencer(sequencer -> ownership.release(numbers));
        } catch (IllegalStateException e) {
            // The pipeline has stopped (shutdown): it sequences nothing more, of these symbols or others.
            log.debug("Ingest stopped before partitions {} were released: {}", numbers, e.getMessage());
        }
        if (released != null) {
            await(released, "release");
        }
        if (flush) {
            flushBus.run();
        }
        log.info("Stopped sequencing partitions {} of {}", numbers, settings.topic());
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void await(CompletableFuture<Void> handOver, String what) {
        try {
            handOver.get(HAND_OVER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the ingest " + what + " of partitions", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The sequencer did not " + what + " partitions within " + HAND_OVER, e);
        }
    }

    @Override
    public void close() {
        thread.close(); // the consumer's close revokes what it holds (release, flush) and leaves the group
        rawReceiver.close();
    }
}
