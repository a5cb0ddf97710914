package io.tickhub.core.ingest;

import static io.tickhub.core.testing.QuoteFixtures.PROVIDER_TIME;
import static io.tickhub.core.testing.QuoteFixtures.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickhub.core.bus.InProcessBus;
import io.tickhub.core.testing.CountingIngestMetrics;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.RecordingListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Work handed to the sequencer thread through the ring ({@link IngestPipeline#runOnSequencer}). */
@Timeout(30)
class IngestPipelineTasksTest {

    private final SymbolOwnership ownership = new SymbolOwnership(symbol -> 0);
    private final InProcessBus bus = new InProcessBus();
    private final RecordingListener listener = new RecordingListener();
    private final CountingIngestMetrics metrics = new CountingIngestMetrics();
    private final Sequencer sequencer = new Sequencer(new ManualClock(), bus, metrics, ownership);
    private final IngestPipeline pipeline = new IngestPipeline(sequencer, 64);

    IngestPipelineTasksTest() {
        bus.subscribe(listener);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void everyQuoteSubmittedBeforeAReleaseIsPublishedAndNoneAfterIt() {
        pipeline.start();
        pipeline.runOnSequencer(s -> ownership.take(s, List.of(0), Map.of())).join();
        for (int i = 0; i < 200; i++) {
            pipeline.submit(raw("AAPL", 100 + i, PROVIDER_TIME.plusSeconds(i)));
        }

        // Not waited for before the next submissions: the ring alone orders the release among them.
        CompletableFuture<Void> released = pipeline.runOnSequencer(s -> ownership.release(List.of(0)));
        for (int i = 200; i < 300; i++) {
            pipeline.submit(raw("AAPL", 100 + i, PROVIDER_TIME.plusSeconds(i)));
        }
        released.join();
        pipeline.close();

        assertThat(listener.seqsOf("AAPL")).hasSize(200).last().isEqualTo(200L);
        assertThat(metrics.rejected(RejectReason.NOT_OWNER)).isEqualTo(100);
    }

    @Test
    void aResumeHandedThroughTheRingComesBeforeTheQuotesAfterIt() {
        pipeline.start();

        pipeline.runOnSequencer(s -> ownership.take(s, List.of(0), Map.of("AAPL", 500L)));
        pipeline.submit(raw("AAPL", 100));
        pipeline.close();

        assertThat(listener.seqsOf("AAPL")).containsExactly(501L);
    }

    @Test
    void theActionRunsOnTheSequencerThreadAndIsNotCountedAsAQuote() {
        pipeline.start();
        AtomicReference<String> thread = new AtomicReference<>();

        pipeline.runOnSequencer(s -> thread.set(Thread.currentThread().getName())).join();

        assertThat(thread.get()).isEqualTo("tickhub-sequencer");
        assertThat(pipeline.processedCount()).isZero();
    }

    @Test
    void aFailingActionFailsItsFutureAndTheSequencerGoesOn() {
        pipeline.start();
        pipeline.runOnSequencer(s -> ownership.take(s, List.of(0), Map.of())).join();

        CompletableFuture<Void> failing = pipeline.runOnSequencer(s -> {
            throw new IllegalStateException("boom");
        });
        pipeline.submit(raw("AAPL", 100));
        pipeline.close();

        assertThatThrownBy(failing::join).isInstanceOf(CompletionException.class).hasRootCauseMessage("boom");
        assertThat(listener.seqsOf("AAPL")).containsExactly(1L);
    }

    @Test
    void anActionBeforeStartOrAfterCloseIsRefused() {
        assertThatThrownBy(() -> pipeline.runOnSequencer(s -> { })).isInstanceOf(IllegalStateException.class);
        pipeline.start();
        pipeline.close();
        assertThatThrownBy(() -> pipeline.runOnSequencer(s -> { })).isInstanceOf(IllegalStateException.class);
    }
}
