package io.tickhub.server.bus.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates the bus's topics when they are missing, so a fresh cluster needs no manual step. */
final class KafkaTopics {

    private KafkaTopics() {
    }

    /** The quotes topic, with the bus's partitions. */
    static void ensure(KafkaBusSettings settings) {
        ensure(settings, settings.topic(), settings.partitions());
    }

    /**
     * How many partitions the quotes topic has: what the producer hashes keys over, which may
     * differ from {@code settings.partitions()} when the topic was created elsewhere.
     */
    static int partitionCount(KafkaBusSettings settings) {
        return partitionCount(settings, settings.topic());
    }

    /** How many partitions {@code topic} has. */
    static int partitionCount(KafkaBusSettings settings, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, settings.clientId() + "-admin"))) {
            // A topic another node (or this one) has just created may not be in every broker's
            // metadata yet: UnknownTopicOrPartition for a moment. Asked again for up to 15 s.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (true) {
                try {
                    return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                            .get(topic).partitions().size();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not describe Kafka topic " + topic + " at "
                    + settings.bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing " + topic, e);
        }
    }

    static void ensure(KafkaBusSettings settings, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, settings.clientId() + "-admin"))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, settings.replicationFactor())))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create Kafka topic " + topic + " at "
                        + settings.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + settings.bootstrapServers() + " did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + topic, e);
        }
    }
}
