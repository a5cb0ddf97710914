package io.tickhub.server.bus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.book.Book;
import io.tickhub.core.bus.QuoteBus;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.server.TickhubApplication;
import io.tickhub.server.testing.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    static final HttpClient HTTP = HttpClient.newHttpClient();
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
            // Both ingest: the symbol is sequenced by the one that holds its partition.
            await().atMost(Duration.ofSeconds(30)).until(() -> ownedPartitions(first) + ownedPartitions(second) == 3);
            ConfigurableApplicationContext owner = first.getBean(KafkaIngestOwnership.class).owns("KBUS") ? first : second;
            IngestPipeline ingest = owner.getBean(IngestPipeline.class);
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

    private static int ownedPartitions(ConfigurableApplicationContext hub) {
        return hub.getBean(KafkaIngestOwnership.class).ownedPartitions();
    }

    private static ConfigurableApplicationContext hub(String topic) {
        return SpringApplication.run(TickhubApplication.class, "--server.port=0", "--tickhub.simulator.enabled=false",
                "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
                "--tickhub.bus.type=kafka",
                "--tickhub.bus.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--tickhub.bus.kafka.topic=" + topic,
                "--tickhub.bus.kafka.partitions=3",
                "--tickhub.bus.kafka.ingest-group=ingest-" + topic);
    }

    @Test
    void aConsumerThreadKilledByAnErrorTakesTheNodeOutOfServiceAndSaysWhy() throws Exception {
        try (ConfigurableApplicationContext hub = hub("quotes-" + UUID.randomUUID())) {
            // What the cluster's throughput run met: an OutOfMemoryError on the bus's consumer thread.
            hub.getBean(QuoteBus.class).subscribe(quote -> {
                if (quote.symbol().equals("BOOM")) {
                    throw new OutOfMemoryError("Java heap space (thrown by the test)");
                }
            });
            int port = hub.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).until(() -> ownedPartitions(hub) == 3); // it sequences every symbol
            hub.getBean(IngestPipeline.class).submit(new RawQuote("BOOM", 1, null, null, 1, "test", Instant.now()));

            await().atMost(Duration.ofSeconds(20)).until(() -> status(port, "/actuator/health/liveness") == 503);
            assertThat(status(port, "/actuator/health/readiness")).isEqualTo(503);
            String health = body(port, "/health");
            assertThat(health).contains("\"status\":\"degraded\"")
                    .contains("\"stopped_threads\":{\"tickhub-kafka-bus\":\"OutOfMemoryError: Java heap space (thrown by the test)\"}");
        }
    }

    private static int status(int port, String path) throws Exception {
        return HTTP.send(get(port, path), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String body(int port, String path) throws Exception {
        return HTTP.send(get(port, path), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "application/json").build();
    }
}
