package io.tickhub.server.bus.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the Kafka bus runs.
 *
 * @param bootstrapServers  {@code host:port,...}
 * @param topic             the quotes topic, keyed by symbol
 * @param partitions        partitions when the bus creates the topic
 * @param replicationFactor replicas when the bus creates the topic (3 in production, 1 for a single broker)
 * @param clientId          prefix of the producer's and consumer's client ids (shows in broker logs and metrics)
 * @param startAt           where a new consumer starts reading
 * @param pollTimeout       longest a consumer poll waits for records
 */
public record KafkaBusSettings(String bootstrapServers, String topic, int partitions, short replicationFactor,
                               String clientId, StartAt startAt, Duration pollTimeout) {

    /** Where a consumer starts: only what is published from now on, or everything the topic retains. */
    public enum StartAt { LATEST, EARLIEST }

    public KafkaBusSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(startAt, "startAt");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be >= 1");
        }
    }
}
