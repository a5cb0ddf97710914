package io.tickhub.server.bus.kafka;

import io.tickhub.core.news.NewsItem;
import io.tickhub.core.news.NewsListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An ingest node's news, as its wire accepts it, onto the news topic (see {@link KafkaNews}). */
public final class KafkaNewsPublisher implements NewsListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaNewsPublisher.class);

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong failures = new AtomicLong();

    public KafkaNewsPublisher(KafkaBusSettings settings, String topic) {
        this.topic = topic;
        KafkaTopics.ensure(settings, topic, 1);
        Map<String, Object> config = KafkaClients.producer(settings);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-news");
        this.producer = new KafkaProducer<>(config);
    }

    @Override
    public void onNews(NewsItem item) {
        producer.send(new ProducerRecord<>(topic, item.id(), KafkaNews.encode(item)), (meta, error) -> {
            if (error != null) {
                failures.incrementAndGet();
                log.warn("Kafka did not take news item {}: {}", item.id(), error.getMessage());
            }
        });
    }

    /** Items Kafka did not take (the gateways miss them; ingest's own store and stream have them). */
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
