package io.tickhub.server.bus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.store.MemoryStore;
import io.tickhub.core.store.StoreWriter;
import io.tickhub.core.store.StoreWriterSettings;
import io.tickhub.core.testing.QuoteFixtures;
import io.tickhub.core.testing.RecordingListener;
import io.tickhub.server.testing.EmbeddedKafka;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workers on a real broker: offsets are committed only once the store has the batch, so a worker
 * that restarts reads only what had not been stored, and a database outage loses nothing.
 */
class KafkaWorkerTest {

    static EmbeddedKafka kafka;
    static final AtomicInteger topics = new AtomicInteger();

    private final MemoryStore store = new MemoryStore();
    private KafkaBusSettings settings;
    private StoreWriter writer;
    private KafkaQuoteBus ingest;
    private KafkaWorker worker;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @BeforeEach
    void start() {
        int n = topics.incrementAndGet();
        settings = new KafkaBusSettings(kafka.bootstrapServers(), "worker-quotes-" + n, 4, (short) 1, "test",
                KafkaBusSettings.StartAt.STORED, Duration.ofMillis(50), "workers-" + n);
        writer = new StoreWriter(store, new StoreWriterSettings(1 << 16, 500, Duration.ofMillis(5),
                Duration.ofMillis(50), Duration.ofSeconds(5), new int[0]), Clock.systemUTC());
        writer.start();
        ingest = KafkaQuoteBus.publishOnly(settings);
    }

    @AfterEach
    void stop() {
        store.down(false);
        if (worker != null) {
            worker.close();
        }
        ingest.close();
        writer.close();
    }

    private KafkaWorker worker(QuoteListener... extra) {
        List<QuoteListener> listeners = new java.util.ArrayList<>(List.of(writer));
        listeners.addAll(List.of(extra));
        return new KafkaWorker(settings, writer, listeners, (l, e) -> { throw new AssertionError(e); });
    }

    private void publish(String symbol, long fromSeq, long toSeq) {
        LongStream.rangeClosed(fromSeq, toSeq).forEach(seq -> ingest.publish(QuoteFixtures.quote(symbol, seq)));
    }

    private long committed() {
        return KafkaOffsets.stored(settings).values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void offsetsAreCommittedOnlyOnceTheStoreHasTheBatch() {
        store.down(true);
        RecordingListener heard = new RecordingListener();
        worker = worker(heard);
        publish("AAPL", 1, 100);

        await().atMost(Duration.ofSeconds(30)).until(() -> heard.count() == 100);
        await().until(() -> writer.status().failures() >= 2);
        assertThat(committed()).as("nothing committed while the store is down").isZero();

        store.down(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed() == 100);
        assertThat(store.quoteCount()).isEqualTo(100);
    }

    @Test
    void aRestartedWorkerReadsOnlyWhatWasNotStoredBefore() {
        worker = worker();
        publish("MSFT", 1, 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed() == 100);
        worker.close();

        publish("MSFT", 101, 150);
        RecordingListener heard = new RecordingListener();
        worker = worker(heard);

        await().atMost(Duration.ofSeconds(30)).until(() -> committed() == 150);
        assertThat(heard.seqsOf("MSFT")).as("read again: nothing stored before").containsExactlyElementsOf(
                LongStream.rangeClosed(101, 150).boxed().toList());
        assertThat(store.quoteCount()).isEqualTo(150);
    }

    @Test
    void twoWorkersOfOneGroupShareThePartitionsAndStoreEachQuoteOnce() {
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        worker = worker(first);
        KafkaWorker other = worker(second);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> worker.assignedPartitions() > 0
                    && other.assignedPartitions() > 0 && worker.assignedPartitions() + other.assignedPartitions() == 4);
            List<String> symbols = List.of("AAPL", "MSFT", "NVDA", "GOOGL", "AMZN", "TSLA", "META", "IBM");
            symbols.forEach(s -> publish(s, 1, 50));

            await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 400);
            assertThat(first.count() + second.count()).as("each quote read by one worker").isEqualTo(400);
            assertThat(first.count()).as("both workers had a share").isPositive();
            assertThat(second.count()).as("both workers had a share").isPositive();
            for (String symbol : symbols) {
                assertThat(first.seqsOf(symbol).isEmpty() || second.seqsOf(symbol).isEmpty())
                        .as("%s has one writer", symbol).isTrue();
            }
            assertThat(store.quoteCount()).isEqualTo(400);
        } finally {
            other.close();
        }
    }

    @Test
    void aWorkerThreadKilledByAnErrorIsReportedAndItsBatchStaysUncommitted() {
        AtomicReference<String> stopped = new AtomicReference<>();
        QuoteListener outOfMemory = quote -> {
            throw new OutOfMemoryError("Java heap space (thrown by the test)");
        };
        worker = new KafkaWorker(settings, writer, List.of(writer, outOfMemory), (l, e) -> { throw new AssertionError(e); },
                (thread, cause) -> stopped.set(thread.getName() + ": " + cause.getMessage()));
        publish("NVDA", 1, 10);

        await().atMost(Duration.ofSeconds(30)).until(() -> stopped.get() != null);
        assertThat(stopped.get()).isEqualTo("tickhub-kafka-worker: Java heap space (thrown by the test)");
        assertThat(committed()).as("the batch it died in is read again by whoever takes the partitions").isZero();
    }
}
