package io.tickhub.server.bus.kafka;

import io.tickhub.core.bus.QuoteCodec;
import io.tickhub.core.quote.Quote;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quotes published but not yet stored: the topic from the workers' committed offsets to its
 * end. An ingest node that starts continues each symbol's seq from the newest of the store and
 * this tail, so a seq is never given twice even when the workers lag behind (or none runs yet).
 */
public final class KafkaTail {

    private static final Logger log = LoggerFactory.getLogger(KafkaTail.class);

    private KafkaTail() {
    }

    /** The newest quote of each symbol in the unstored tail; read to the end offsets of now. */
    public static Map<String, Quote> newestUnstored(KafkaBusSettings settings, Duration timeout) {
        KafkaTopics.ensure(settings);
        Map<String, Quote> newest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(settings))) {
            List<TopicPartition> partitions = KafkaOffsets.partitions(consumer, settings.topic());
            consumer.assign(partitions);
            KafkaOffsets.seekToStored(consumer, partitions, settings);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!readTo(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read the tail of " + settings.topic() + " within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(settings.pollTimeout())) {
                    try {
                        Quote quote = QuoteCodec.decode(record.value());
                        newest.merge(quote.symbol(), quote, (a, b) -> b.seq() > a.seq() ? b : a);
                    } catch (IllegalArgumentException e) {
                        log.warn("Skipped record {}@{} of {}: {}", record.partition(), record.offset(), record.topic(),
                                e.getMessage());
                    }
                }
            }
        }
        return newest;
    }

    private static boolean readTo(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
