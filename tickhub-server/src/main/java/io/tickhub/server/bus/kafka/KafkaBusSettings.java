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
 * @param startAt           where a gateway's consumer starts reading
 * @param pollTimeout       longest a consumer poll waits for records
 * @param workerGroup       the consumer group of the workers, which commit what they have stored
 */
public record KafkaBusSettings(String bootstrapServers, String topic, int partitions, short replicationFactor,
                               String clientId, StartAt startAt, Duration pollTimeout, String workerGroup) {

    /**
     * Where a gateway's consumer starts: only what is published from now on, everything the topic
     * retains, or where the workers' group has stored up to (everything before it is in the store,
     * which the book was restored from; the earliest retained where the group has committed nothing).
     */
    public enum StartAt { LATEST, EARLIEST, STORED }

    public KafkaBusSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(startAt, "startAt");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(workerGroup, "workerGroup");
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be >= 1");
        }
    }
}
