package io.tickhub.server.bus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.book.Book;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.server.TickhubApplication;
import io.tickhub.server.testing.EmbeddedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Hubs whose bus is Kafka: what one hub's ingest sequences, every hub on the topic serves, with the same seqs. */
class KafkaBusHubTest {

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
    void aQuoteSequencedByOneHubReachesEveryHubOnTheTopicWithItsSeq() {
        String topic = "quotes-" + UUID.randomUUID();
        try (ConfigurableApplicationContext first = hub(topic); ConfigurableApplicationContext second = hub(topic)) {
            IngestPipeline ingest = first.getBean(IngestPipeline.class);
            Instant now = Instant.now();
            for (int i = 0; i < 50; i++) {
                ingest.submit(new RawQuote("KBUS", 100 + i, null, null, 10, "test", now.plusMillis(i)));
            }

            for (ConfigurableApplicationContext hub : new ConfigurableApplicationContext[] {first, second}) {
                Book book = hub.getBean(Book.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> book.latest("KBUS").map(Quote::seq).orElse(0L) == 50);
                assertThat(book.latest("KBUS").orElseThrow().price()).isEqualTo(149);
            }
            assertThat(first.getBean(Book.class).latest("KBUS"))
                    .isEqualTo(second.getBean(Book.class).latest("KBUS"));
        }
    }

    private static ConfigurableApplicationContext hub(String topic) {
        return SpringApplication.run(TickhubApplication.class, "--server.port=0", "--tickhub.simulator.enabled=false",
                "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
                "--tickhub.bus.type=kafka",
                "--tickhub.bus.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--tickhub.bus.kafka.topic=" + topic,
                "--tickhub.bus.kafka.partitions=3");
    }
}
