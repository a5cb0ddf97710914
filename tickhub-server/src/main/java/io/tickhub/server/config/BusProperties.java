package io.tickhub.server.config;

import io.tickhub.server.bus.kafka.KafkaBusSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The quote bus ({@code tickhub.bus.*}): in-process on one node, Kafka when scaled out, Redis
 * pub/sub for small deployments.
 *
 * @param type  {@code in-process} (default), {@code kafka} or {@code redis}
 * @param kafka the Kafka bus, when {@code type=kafka}
 * @param redis the Redis bus, when {@code type=redis} (the server is {@code tickhub.redis.url})
 */
public record BusProperties(
        @DefaultValue("in-process") @NotNull Type type,
        @DefaultValue @Valid @NotNull Kafka kafka,
        @DefaultValue @Valid @NotNull Redis redis) {

    public enum Type { IN_PROCESS, KAFKA, REDIS }

    /**
     * Whether the workers' consumer group, not this node's bus, writes quotes and bars to the store
     * and feeds the cache and {@code price-events}: on Kafka, once per quote for the whole cluster.
     */
    public boolean storedByWorkers() {
        return type == Type.KAFKA;
    }

    /** @param channel the pub/sub channel quotes are published on */
    public record Redis(@DefaultValue("tickhub.quotes") @NotBlank String channel) {
    }

    /**
     * @param bootstrapServers  the brokers, {@code host:port,...}
     * @param topic             quotes, keyed by symbol
     * @param partitions        when the hub creates the topic: the most consumers of one group that can share the work
     * @param replicationFactor when the hub creates the topic (3 on a production cluster)
     * @param clientId          prefix of this node's client ids
     * @param pollTimeout       longest a consumer poll waits
     * @param workerGroup       the workers' consumer group: they share the partitions and commit what they stored
     * @param ingestGroup       the ingest nodes' consumer group: a node sequences the symbols of the partitions it holds
     * @param ingestSessionTimeout how long a dead ingest node's symbols go unsequenced before the others take them
     * @param rawTopic          provider quotes an ingest node hands to the node that sequences their symbol
     *                          (created with the quotes topic's partition count, which it must keep)
     * @param forwardGroup      where ingest nodes commit how far they have read the raw topic's partitions
     * @param newsTopic         news from ingest nodes to gateways (one partition, created when missing)
     * @param priceEvents       system B's {@code price-events} topic, published beside the bus
     */
    public record Kafka(
            @DefaultValue("localhost:9092") @NotBlank String bootstrapServers,
            @DefaultValue("tickhub.quotes") @NotBlank String topic,
            @DefaultValue("12") @Min(1) @Max(10_000) int partitions,
            @DefaultValue("1") @Min(1) @Max(32) short replicationFactor,
            @DefaultValue("tickhub") @NotBlank String clientId,
            @DefaultValue("100ms") Duration pollTimeout,
            @DefaultValue("tickhub-workers") @NotBlank String workerGroup,
            @DefaultValue("tickhub-ingest") @NotBlank String ingestGroup,
            @DefaultValue("10s") Duration ingestSessionTimeout,
            @DefaultValue("tickhub.raw-quotes") @NotBlank String rawTopic,
            @DefaultValue("tickhub-raw-forward") @NotBlank String forwardGroup,
            @DefaultValue("tickhub.news") @NotBlank String newsTopic,
            @DefaultValue @Valid @NotNull PriceEvents priceEvents) {

        public Kafka {
            if (pollTimeout.isNegative() || pollTimeout.isZero()) {
                throw new IllegalArgumentException("tickhub.bus.kafka.poll-timeout must be > 0, was " + pollTimeout);
            }
            // The broker's default group.min.session.timeout.ms and group.max.session.timeout.ms.
            if (ingestSessionTimeout.compareTo(Duration.ofSeconds(6)) < 0 || ingestSessionTimeout.compareTo(Duration.ofMinutes(30)) > 0) {
                throw new IllegalArgumentException("tickhub.bus.kafka.ingest-session-timeout must be 6s..30m, was "
                        + ingestSessionTimeout);
            }
            if (rawTopic.equals(topic)) {
                throw new IllegalArgumentException("tickhub.bus.kafka.raw-topic must differ from the quotes topic " + topic);
            }
        }

        /**
         * @param enabled publish every accepted quote to {@code topic} as B's JSON (any bus type;
         *                the brokers are {@code bootstrap-servers})
         * @param topic   B's topic name
         */
        public record PriceEvents(@DefaultValue("false") boolean enabled,
                                  @DefaultValue("price-events") @NotBlank String topic) {
        }

        /**
         * A gateway's view: every partition, from where the workers have stored up to, since its book
         * is restored from the store; together they miss nothing and repeat nothing the book keeps.
         */
        public KafkaBusSettings settings() {
            return new KafkaBusSettings(bootstrapServers, topic, partitions, replicationFactor, clientId,
                    KafkaBusSettings.StartAt.STORED, pollTimeout, workerGroup);
        }
    }
}
