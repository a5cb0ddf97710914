package io.tickhub.server.bus.kafka;

import io.tickhub.core.journal.StreamEpoch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

/**
 * The stream epoch of a hub on Kafka: derived from the quotes topic's id, so every gateway of a
 * cluster names the same epoch (a client resumes on any of them), and it changes exactly when the
 * topic, the cluster's history of seqs, is deleted and created again.
 */
public final class KafkaStreamEpoch {

    private KafkaStreamEpoch() {
    }

    public static StreamEpoch of(KafkaBusSettings settings) {
        KafkaTopics.ensure(settings);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, settings.clientId() + "-admin"))) {
            TopicDescription topic = admin.describeTopics(List.of(settings.topic())).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(settings.topic());
            return fromTopicId(topic.topicId());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not describe Kafka topic " + settings.topic() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + settings.bootstrapServers() + " did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing " + settings.topic(), e);
        }
    }

    static StreamEpoch fromTopicId(Uuid topicId) {
        return new StreamEpoch(String.format("%016x", topicId.getMostSignificantBits() ^ topicId.getLeastSignificantBits()));
    }
}
