package io.tickhub.server.bus.kafka;

import io.tickhub.core.news.NewsItem;
import io.tickhub.core.news.NewsListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway's news: the news topic (see {@link KafkaNews}) into its own wire, starting with the
 * last {@code recent} items, so a gateway that starts has the recent news a snapshot and
 * {@code /api/v1/news} show, then every new item. The wire drops ids it holds already, so an
 * item read twice (a node that also publishes) is heard once. The thread ends only on
 * {@link #close}; anything else that ends it goes to {@code onStopped}.
 */
public final class KafkaNewsReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaNewsReader.class);

    private final KafkaBusSettings settings;
    private final String topic;
    private final int recent;
    private final NewsListener wire;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AtomicLong undecodable = new AtomicLong();
    private final ConsumerThread thread;

    /** @param wire where each item goes (the node's {@code NewsWire::publish}) */
    public KafkaNewsReader(KafkaBusSettings settings, String topic, int recent, NewsListener wire,
                           Thread.UncaughtExceptionHandler onStopped) {
        this.settings = settings;
        this.topic = topic;
        this.recent = recent;
        this.wire = wire;
        KafkaTopics.ensure(settings, topic, 1);
        Map<String, Object> config = KafkaClients.consumer(settings);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-news");
        this.consumer = new KafkaConsumer<>(config);
        this.thread = new ConsumerThread("tickhub-kafka-news", consumer, onStopped, this::run);
        thread.start();
    }

    public long undecodable() {
        return undecodable.get();
    }

    private void run() {
        List<TopicPartition> partitions = KafkaOffsets.assignEvery(consumer, topic);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        consumer.endOffsets(partitions).forEach((partition, end) ->
                consumer.seek(partition, Math.max(begin.get(partition), end - recent)));
        while (thread.open()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(settings.pollTimeout())) {
                deliver(record);
            }
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        NewsItem item = KafkaNews.decodeOrNull(record.value());
        if (item == null) {
            undecodable.incrementAndGet();
            log.warn("Skipped a record on {} (offset {}) that is not a news item", topic, record.offset());
            return;
        }
        wire.onNews(item);
    }

    @Override
    public void close() {
        thread.close();
    }
}
