package io.tickhub.server.bus.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the workers have stored up to, read from their group's committed offsets: every quote
 * before that offset is in the store. Gateways start reading there (their book comes from the
 * store) and ingest reads the tail from there (the seqs the store does not have yet).
 */
final class KafkaOffsets {

    private KafkaOffsets() {
    }

    /**
     * Assigns {@code consumer} every partition of the topic and positions it at {@code startAt};
     * resolves the lazy seeks now, so a caller that goes on knows where it reads from.
     *
     * @return the partitions
     */
    static List<TopicPartition> assignAll(Consumer<?, ?> consumer, KafkaBusSettings settings,
                                          KafkaBusSettings.StartAt startAt) {
        List<TopicPartition> partitions = assignEvery(consumer, settings.topic());
        position(consumer, settings, partitions, startAt);
        return partitions;
    }

    /** Assigns {@code consumer} these partitions (no group) and positions it at {@code startAt}, as {@link #assignAll}. */
    static void assign(Consumer<?, ?> consumer, KafkaBusSettings settings, List<TopicPartition> partitions,
                       KafkaBusSettings.StartAt startAt) {
        consumer.assign(partitions);
        position(consumer, settings, partitions, startAt);
    }

    private static void position(Consumer<?, ?> consumer, KafkaBusSettings settings, List<TopicPartition> partitions,
                                 KafkaBusSettings.StartAt startAt) {
        switch (startAt) {
            case LATEST -> consumer.seekToEnd(partitions);
            case EARLIEST -> consumer.seekToBeginning(partitions);
            case STORED -> seekToStored(consumer, partitions, settings);
        }
        partitions.forEach(consumer::position);
    }

    /** Assigns {@code consumer} every partition of {@code topic} (no group); returns them. */
    static List<TopicPartition> assignEvery(Consumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        return partitions;
    }

    /** The worker group's committed offset of each partition it has committed; none for the others. */
    static Map<TopicPartition, Long> stored(KafkaBusSettings settings) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, settings.clientId() + "-offsets"))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(settings.workerGroup())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> offsets = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null && partition.topic().equals(settings.topic())) {
                    offsets.put(partition, offset.offset());
                }
            });
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the offsets of " + settings.workerGroup(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not read the committed offsets of consumer group "
                    + settings.workerGroup() + " at " + settings.bootstrapServers(), e);
        }
    }

    /** Positions {@code consumer} on every partition at the workers' stored offset, or the earliest retained. */
    private static void seekToStored(Consumer<?, ?> consumer, List<TopicPartition> partitions, KafkaBusSettings settings) {
        Map<TopicPartition, Long> stored = stored(settings);
        consumer.seekToBeginning(partitions.stream().filter(p -> !stored.containsKey(p)).toList());
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        stored.forEach((partition, offset) -> {
            if (partitions.contains(partition)) {
                // Retention may have deleted what the workers stored long ago: start at what is left.
                consumer.seek(partition, Math.max(offset, beginnings.getOrDefault(partition, 0L)));
            }
        });
    }
}
