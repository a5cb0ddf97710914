package io.tickhub.server.bus.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.server.TickhubApplication;
import io.tickhub.server.testing.EmbeddedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** System B's price-events topic, as B's consumers read it, from a hub on the default in-process bus. */
class PriceEventsPublisherTest {

    static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void everyAcceptedQuoteIsPublishedAsBsJsonKeyedBySymbol() {
        String topic = "price-events-" + UUID.randomUUID();
        try (ConfigurableApplicationContext hub = SpringApplication.run(TickhubApplication.class, "--server.port=0",
                "--tickhub.simulator.enabled=false", "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
                "--tickhub.bus.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--tickhub.bus.kafka.price-events.enabled=true", "--tickhub.bus.kafka.price-events.topic=" + topic);
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, "system-b", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                     ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            IngestPipeline ingest = hub.getBean(IngestPipeline.class);
            Instant observed = Instant.parse("2026-11-21T14:30:00Z");
            ingest.submit(new RawQuote("PEVA", 101.25, null, null, 5, "yfinance", observed));
            ingest.submit(new RawQuote("PEVB", 7.5, null, null, 5, "finnhub", observed.plusSeconds(1)));

            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }

            assertThat(received).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("PEVA", "PEVB");
            assertThat(received).filteredOn(r -> r.key().equals("PEVA")).singleElement().extracting(ConsumerRecord::value)
                    .isEqualTo("{\"symbol\":\"PEVA\",\"price\":101.25,\"timestamp\":\"2026-11-21T14:30:00.000Z\","
                            + "\"source\":\"yfinance\",\"raw_response_id\":null}");
        }
    }
}
