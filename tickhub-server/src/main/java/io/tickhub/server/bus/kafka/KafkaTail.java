package io.tickhub.server.bus.kafka;

import io.tickhub.core.quote.Quote;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The quotes published but not yet stored: the topic from the workers' committed offsets to its
 * end. An ingest node that starts continues each symbol's seq from the newest of the store and
 * this tail, so a seq is never given twice even when the workers lag behind (or none runs yet).
 */
public final class KafkaTail {

    private KafkaTail() {
    }

    /** The newest quote of each symbol in the unstored tail; read to the end offsets of now. */
    public static Map<String, Quote> newestUnstored(KafkaBusSettings settings, Duration timeout) {
        KafkaTopics.ensure(settings);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(settings))) {
            List<TopicPartition> partitions = KafkaOffsets.assignAll(consumer, settings, KafkaBusSettings.StartAt.STORED);
            return newestUnstored(consumer, settings, partitions, timeout);
        }
    }

    /** The newest quote of each symbol in the unstored tail of these partitions of the topic (they exist). */
    static Map<String, Quote> newestUnstored(KafkaBusSettings settings, List<TopicPartition> partitions, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(settings))) {
            KafkaOffsets.assign(consumer, settings, partitions, KafkaBusSettings.StartAt.STORED);
            return newestUnstored(consumer, settings, partitions, timeout);
        }
    }

    private static Map<String, Quote> newestUnstored(KafkaConsumer<String, byte[]> consumer, KafkaBusSettings settings,
                                                     List<TopicPartition> partitions, Duration timeout) {
        Map<String, Quote> newest = new HashMap<>();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!readTo(consumer, ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read the tail of " + settings.topic() + " within " + timeout);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(settings.pollTimeout())) {
                Quote quote = KafkaRecords.quoteOrNull(record);
                if (quote != null) {
                    newest.merge(quote.symbol(), quote, (a, b) -> b.seq() > a.seq() ? b : a);
                }
            }
        }
        return newest;
    }

    private static boolean readTo(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
