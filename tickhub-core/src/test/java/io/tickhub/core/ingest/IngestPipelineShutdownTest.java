package io.tickhub.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.bus.InProcessBus;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.RecordingListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What happens to quotes in flight when ingest closes, and to exceptions on the sequencer thread. */
class IngestPipelineShutdownTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void everyQuoteWhoseSubmitReturnedIsSequencedEvenWhenCloseRacesTheProducers() throws Exception {
        InProcessBus bus = new InProcessBus();
        RecordingListener listener = new RecordingListener();
        bus.subscribe(listener);
        IngestPipeline pipeline = new IngestPipeline(new Sequencer(clock, bus, IngestMetrics.NONE), 64);
        pipeline.start();

        AtomicLong accepted = new AtomicLong();
        CountDownLatch running = new CountDownLatch(4);
        List<Thread> producers = new CopyOnWriteArrayList<>();
        for (int p = 0; p < 4; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                running.countDown();
                for (int i = 0; ; i++) {
                    try {
                        pipeline.submit(new RawQuote("P" + producer, 1 + (i % 50), null, null, i, "race",
                                clock.instant()));
                        accepted.incrementAndGet();
                    } catch (IllegalStateException closed) {
                        return;
                    }
                }
            });
            producers.add(t);
            t.start();
        }
        running.await();
        await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.processedCount() > 10_000);

        pipeline.close();
        for (Thread t : producers) {
            t.join(10_000);
            assertThat(t.isAlive()).as("producer stopped after close").isFalse();
        }

        assertThat(pipeline.processedCount()).isEqualTo(accepted.get());
        assertThat(listener.quotes()).hasSize((int) accepted.get());
    }

    @Test
    void sequencerExceptionsReachTheFailureCallbackAndIngestCarriesOn() {
        InProcessBus bus = new InProcessBus();
        RecordingListener listener = new RecordingListener();
        bus.subscribe(listener);
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        IngestPipeline pipeline = new IngestPipeline(new Sequencer(clock, bus, IngestMetrics.NONE), 64, failures::add);
        pipeline.start();
        try {
            // A null provider time cannot become a Quote: the sequencer throws on it.
            pipeline.submit(new RawQuote("BAD", 1, null, null, 0, "p", null));
            pipeline.submit(new RawQuote("GOOD", 1, null, null, 0, "p", clock.instant()));
            await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.processedCount() == 2);

            assertThat(failures).hasSize(1);
            assertThat(pipeline.failedCount()).isEqualTo(1);
            assertThat(listener.quotes()).extracting(Quote::symbol).containsExactly("GOOD");
        } finally {
            pipeline.close();
        }
    }
}
