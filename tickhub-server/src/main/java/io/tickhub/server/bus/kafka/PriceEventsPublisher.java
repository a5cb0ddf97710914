package io.tickhub.server.bus.kafka;

import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Timestamps;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * System B's {@code price-events} topic: every accepted quote as B's JSON
 * {@code {"symbol","price","timestamp","source","raw_response_id"}}, keyed by symbol, so B's own
 * consumers (moving averages, caches) keep working beside Tickhub. Sent asynchronously by an
 * idempotent producer; the bus thread never waits.
 */
public final class PriceEventsPublisher implements QuoteListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PriceEventsPublisher.class);
    private static final JsonMapper JSON = JsonMapper.shared();

    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final AtomicLong failures = new AtomicLong();

    public PriceEventsPublisher(KafkaBusSettings settings, String topic) {
        this.topic = topic;
        Map<String, Object> config = KafkaClients.producer(settings);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-price-events");
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        this.producer = new KafkaProducer<>(config);
    }

    /** B's message for one quote; {@code raw_response_id} is null for quotes with no raw payload (simulator, replay). */
    static String message(Quote quote) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("symbol", quote.symbol());
        event.put("price", quote.price());
        event.put("timestamp", Timestamps.iso(quote.providerTime()));
        event.put("source", quote.provider());
        event.put("raw_response_id", quote.rawId());
        return JSON.writeValueAsString(event);
    }

    @Override
    public void onQuote(Quote quote) {
        producer.send(new ProducerRecord<>(topic, quote.symbol(), message(quote)), (meta, error) -> {
            if (error != null && failures.getAndIncrement() % 1000 == 0) {
                log.warn("price-events: Kafka did not take {} ({} failures so far): {}", quote.symbol(),
                        failures.get(), error.getMessage());
            }
        });
    }

    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
