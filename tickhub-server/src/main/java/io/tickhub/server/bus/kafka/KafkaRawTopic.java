package io.tickhub.server.bus.kafka;

/** The raw-quotes topic, which numbers its partitions as the quotes topic does. */
final class KafkaRawTopic {

    private KafkaRawTopic() {
    }

    /**
     * Creates {@code rawTopic} when missing with the quotes topic's partition count; fails when it
     * exists with another count.
     *
     * @return the partition count of both topics
     */
    static int ensureMatching(KafkaBusSettings settings, String rawTopic) {
        KafkaTopics.ensure(settings);
        int partitions = KafkaTopics.partitionCount(settings);
        KafkaTopics.ensure(settings, rawTopic, partitions);
        int raw = KafkaTopics.partitionCount(settings, rawTopic);
        if (raw != partitions) {
            throw new IllegalStateException("Kafka topic " + rawTopic + " has " + raw + " partitions and "
                    + settings.topic() + " has " + partitions + ": they must match, since a quote is handed to"
                    + " the node owning the partition of the same number. Recreate " + rawTopic
                    + " with " + partitions + " partitions");
        }
        return partitions;
    }
}
