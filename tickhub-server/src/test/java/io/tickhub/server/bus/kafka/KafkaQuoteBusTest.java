package io.tickhub.server.bus.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.bus.QuoteBus;
import io.tickhub.core.bus.QuoteBusContract;
import io.tickhub.core.testing.RecordingListener;
import io.tickhub.server.testing.EmbeddedKafka;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bus contract on a real Kafka broker (in-process KRaft), each test on a topic of its own. */
class KafkaQuoteBusTest extends QuoteBusContract {

    static EmbeddedKafka kafka;
    static final AtomicInteger topics = new AtomicInteger();

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Override
    protected QuoteBus newBus() {
        return new KafkaQuoteBus(new KafkaBusSettings(kafka.bootstrapServers(), "quotes-" + topics.incrementAndGet(),
                4, (short) 1, "test", KafkaBusSettings.StartAt.LATEST, Duration.ofMillis(50), "test-workers"));
    }

    @Override
    protected void awaitSubscribed(QuoteBus bus) {
        try {
            assertThat(((KafkaQuoteBus) bus).awaitReady(Duration.ofSeconds(30))).as("consumer ready").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected void awaitDelivered(RecordingListener listener, int quotes) {
        awaitReceivedAndFlushed(listener, quotes, DEFAULT_DELIVERY_TIMEOUT);
    }
}
