package io.tickhub.server.bus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.news.NewsItem;
import io.tickhub.core.news.NewsWire;
import io.tickhub.server.testing.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** News from an ingest node's wire to a gateway's, over a real broker. */
class KafkaNewsTest {

    static EmbeddedKafka kafka;
    static final AtomicInteger topics = new AtomicInteger();

    private final KafkaBusSettings settings = new KafkaBusSettings(kafka.bootstrapServers(), "quotes", 1, (short) 1,
            "test", KafkaBusSettings.StartAt.LATEST, Duration.ofMillis(50), "workers");
    private final String topic = "news-" + topics.incrementAndGet();

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static NewsItem item(int n) {
        return new NewsItem("n" + n, List.of("AAPL", "MSFT"), "Headline " + n, n % 2 == 0 ? "Summary " + n : null,
                "Reuters", n % 2 == 0 ? "https://example.com/" + n : null, Instant.parse("2026-11-22T14:30:00.123456Z").plusSeconds(n));
    }

    private static KafkaNewsReader reader(KafkaBusSettings settings, String topic, int recent, NewsWire wire) {
        return new KafkaNewsReader(settings, topic, recent, wire::publish, (thread, e) -> {
            throw new AssertionError(e);
        });
    }

    @Test
    @SuppressWarnings("try") // the reader only has to be running while the body publishes
    void itemsAnIngestWireAcceptsReachAGatewayWireWholeAndInOrder() {
        NewsWire ingest = new NewsWire(10);
        NewsWire gateway = new NewsWire(10);
        List<NewsItem> heard = new CopyOnWriteArrayList<>();
        gateway.subscribe(heard::add);
        try (KafkaNewsPublisher publisher = new KafkaNewsPublisher(settings, topic);
             KafkaNewsReader reader = reader(settings, topic, 10, gateway)) {
            ingest.subscribe(publisher);
            for (int n = 1; n <= 5; n++) {
                ingest.publish(item(n));
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> heard.size() == 5);
            assertThat(heard).containsExactly(item(1), item(2), item(3), item(4), item(5));
            assertThat(gateway.recent("MSFT", 2)).containsExactly(item(5), item(4));
        }
    }

    @Test
    @SuppressWarnings("try") // the reader only has to be running while the body publishes
    void aGatewayStartingLateGetsTheRecentItemsThenNewOnes() {
        NewsWire ingest = new NewsWire(10);
        try (KafkaNewsPublisher publisher = new KafkaNewsPublisher(settings, topic)) {
            ingest.subscribe(publisher);
            for (int n = 1; n <= 6; n++) {
                ingest.publish(item(n));
            }
            NewsWire gateway = new NewsWire(3);
            List<NewsItem> heard = new CopyOnWriteArrayList<>();
            gateway.subscribe(heard::add);
            try (KafkaNewsReader reader = reader(settings, topic, 3, gateway)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> heard.size() == 3);
                ingest.publish(item(7));

                await().atMost(Duration.ofSeconds(20)).until(() -> heard.size() == 4);
                assertThat(heard).containsExactly(item(4), item(5), item(6), item(7));
            }
        }
    }

    @Test
    void aRecordThatIsNotANewsItemIsSkippedAndTheNextOneStillArrives() {
        NewsWire gateway = new NewsWire(10);
        List<NewsItem> heard = new CopyOnWriteArrayList<>();
        gateway.subscribe(heard::add);
        try (KafkaNewsPublisher publisher = new KafkaNewsPublisher(settings, topic);
             KafkaNewsReader reader = reader(settings, topic, 10, gateway);
             KafkaProducer<String, byte[]> foreign = new KafkaProducer<>(KafkaClients.producer(settings))) {
            foreign.send(new ProducerRecord<>(topic, "x", "{\"headline\":".getBytes(StandardCharsets.UTF_8)));
            foreign.send(new ProducerRecord<>(topic, "y", "{\"id\":\"y\",\"headline\":\" \"}".getBytes(StandardCharsets.UTF_8)));
            foreign.flush();
            publisher.onNews(item(1));

            await().atMost(Duration.ofSeconds(20)).until(() -> heard.size() == 1);
            assertThat(heard).containsExactly(item(1));
            assertThat(reader.undecodable()).isEqualTo(2);
        }
    }
}
