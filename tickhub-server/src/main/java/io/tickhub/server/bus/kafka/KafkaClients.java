package io.tickhub.server.bus.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The client settings the bus depends on, in one place, each with the reason it is set. */
final class KafkaClients {

    private KafkaClients() {
    }

    static Map<String, Object> producer(KafkaBusSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-producer");
        // Every in-sync replica has it before it counts as sent, and a retry never writes it twice.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Idempotence keeps order per partition with up to 5 requests in flight.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // A millisecond of batching: many quotes per request under load, little added latency.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // Keep retrying through a broker restart for two minutes before a quote counts as lost.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        // With the default "rebootstrap", a producer that has lost every broker forgets the topic's
        // partitions, and send() then blocks the sequencer until a broker answers (or max.block.ms
        // passes and the quote is lost). Kept, the last known partitions let send() append to the
        // producer's buffer (buffer.memory, 32 MB) through a broker restart, as the bus promises.
        config.put(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG, "none");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /**
     * A member of the workers' group: partitions shared among the members, offsets committed by
     * hand once the store has the batch, a new group reading from the start of what is retained.
     */
    static Map<String, Object> worker(KafkaBusSettings settings) {
        Map<String, Object> config = consumer(settings);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-worker");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.workerGroup());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A database outage holds a batch until the store has it; stay in the group through ten minutes of it.
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
        return config;
    }

    /**
     * A member of the ingest nodes' group, there only for the partitions it is given: the node
     * sequences the symbols of those partitions. It reads no records (its partitions are paused)
     * and commits nothing.
     */
    static Map<String, Object> ingestOwner(KafkaBusSettings settings, String group, Duration sessionTimeout) {
        Map<String, Object> config = consumer(settings);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-ingest-owner");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // The classic protocol with cooperative rebalancing: a partition is revoked from its owner (which
        // stops sequencing it) in one rebalance and assigned to the next owner only in a later one, and
        // a node joining or leaving moves only the partitions that change hands.
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // How long the symbols of a node that died stay unsequenced before the others take them.
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(100, sessionTimeout.toMillis() / 3));
        return config;
    }

    /**
     * An ingest node's reader of the raw quotes handed to it: partitions assigned by hand (those
     * whose symbols the node sequences), read from where the group committed (by the partitions'
     * previous owners), committed by hand once the sequencer has handled what was read. A
     * partition nobody ever committed is read from its start: everything handed to it is new.
     */
    static Map<String, Object> rawReceiver(KafkaBusSettings settings, String group) {
        Map<String, Object> config = consumer(settings);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-raw-receiver");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Assigned by hand: the group only keeps offsets, which the classic protocol takes from members it never saw.
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        return config;
    }

    /** A consumer outside any group: it is assigned partitions by hand and commits nothing. */
    static Map<String, Object> consumer(KafkaBusSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-consumer");
        // Only where a partition's stored position is gone; the bus seeks explicitly otherwise.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Only records of committed transactions; harmless without transactions, right if they come.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }
}
