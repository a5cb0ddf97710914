package io.tickhub.core.ingest;

import static io.tickhub.core.testing.QuoteFixtures.PROVIDER_TIME;
import static io.tickhub.core.testing.QuoteFixtures.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.bus.InProcessBus;
import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.testing.CountingIngestMetrics;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class IngestPipelineTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ManualClock clock = new ManualClock();
    private final InProcessBus bus = new InProcessBus();
    private final RecordingListener listener = new RecordingListener();
    private final CountingIngestMetrics metrics = new CountingIngestMetrics();
    private final Sequencer sequencer = new Sequencer(clock, bus, metrics);
    private IngestPipeline pipeline;

    IngestPipelineTest() {
        bus.subscribe(listener);
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Timeout(30)
    void concurrentProducersGetGaplessPerSymbolSeqsThroughASmallRing() throws InterruptedException {
        int producers = 4;
        int perProducer = 10_000;
        int symbols = 50;
        pipeline = new IngestPipeline(sequencer, 1024);
        pipeline.start();
        CountDownLatch go = new CountDownLatch(1);

        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            String provider = "provider-" + p;
            threads.add(Thread.ofPlatform().name(provider).start(() -> {
                awaitLatch(go);
                for (int i = 0; i < perProducer; i++) {
                    // price encodes the submission index, so each provider's order can be checked after
                    pipeline.submit(new RawQuote("SYM" + (i % symbols), 1 + i / 100.0, null, null, 1, provider,
                            PROVIDER_TIME.plusNanos(i)));
                }
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        int total = producers * perProducer;
        await().atMost(PATIENCE).until(() -> pipeline.processedCount() == total);

        assertThat(metrics.accepted()).isEqualTo(total);
        assertThat(metrics.rejected()).isZero();
        assertThat(listener.count()).isEqualTo(total);
        int delivered = 0;
        for (int s = 0; s < symbols; s++) {
            List<Long> seqs = listener.seqsOf("SYM" + s);
            assertThat(seqs).as("seqs of SYM%d", s)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
            delivered += seqs.size();
        }
        assertThat(delivered).isEqualTo(total);
        Map<String, Double> lastPriceByProviderAndSymbol = new HashMap<>();
        for (Quote quote : listener.quotes()) {
            Double previous = lastPriceByProviderAndSymbol.put(quote.provider() + "/" + quote.symbol(), quote.price());
            assertThat(previous == null || previous < quote.price())
                    .as("%s's quotes of %s keep their submission order", quote.provider(), quote.symbol())
                    .isTrue();
        }
        assertThat(pipeline.backlog()).isZero();
    }

    @Test
    void closeDrainsEverythingSubmittedBeforeIt() {
        pipeline = new IngestPipeline(sequencer, 256);
        pipeline.start();
        for (int i = 0; i < 5_000; i++) {
            pipeline.submit(raw("AAPL", 1 + i / 100.0, PROVIDER_TIME.plusNanos(i)));
        }

        pipeline.close();

        assertThat(pipeline.processedCount()).isEqualTo(5_000);
        assertThat(listener.seqsOf("AAPL")).hasSize(5_000).last().isEqualTo(5_000L);
        assertThat(listener.batchEnds()).isPositive();
        assertThat(listener.unflushedQuotes()).as("the last quote was followed by a batch end").isZero();
    }

    @Test
    void closeRightAfterStartStillDrains() {
        for (int run = 0; run < 20; run++) {
            RecordingListener received = new RecordingListener();
            InProcessBus freshBus = new InProcessBus();
            freshBus.subscribe(received);
            IngestPipeline fresh = new IngestPipeline(new Sequencer(clock, freshBus, metrics), 64);
            fresh.start();

            fresh.submit(raw("AAPL", 100, PROVIDER_TIME));
            fresh.close();

            assertThat(fresh.processedCount()).as("run %d", run).isEqualTo(1);
            assertThat(received.seqsOf("AAPL")).as("run %d", run).containsExactly(1L);
        }
    }

    @Test
    void endOfBatchFollowsTheQuotesOfABatch() {
        pipeline = new IngestPipeline(sequencer, 64);
        pipeline.start();

        pipeline.submit(raw("AAPL", 100, PROVIDER_TIME));
        pipeline.submit(raw("AAPL", 101, PROVIDER_TIME));

        await().atMost(PATIENCE).until(() -> listener.count() == 2 && listener.unflushedQuotes() == 0);
        assertThat(listener.batchEnds()).isBetween(1L, 2L);
    }

    @Test
    @Timeout(30)
    void submitAllSequencesEveryQuoteInOrderThroughARingSmallerThanTheRun() {
        pipeline = new IngestPipeline(sequencer, 16);
        pipeline.start();
        List<RawQuote> slice = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            slice.add(raw(i % 2 == 0 ? "AAPL" : "MSFT", 100 + i, PROVIDER_TIME.plusNanos(i)));
        }

        pipeline.submitAll(slice);
        pipeline.close();

        assertThat(pipeline.processedCount()).isEqualTo(1_000);
        assertThat(listener.seqsOf("AAPL")).containsExactlyElementsOf(LongStream.rangeClosed(1, 500).boxed().toList());
        assertThat(listener.quotesOf("MSFT")).extracting(Quote::price)
                .containsExactlyElementsOf(LongStream.range(0, 500).mapToObj(i -> 101.0 + 2 * i).toList());
        assertThat(listener.unflushedQuotes()).as("the last quote was followed by a batch end").isZero();
    }

    @Test
    void submitAllWithANullQuotePublishesNoneOfThem() {
        pipeline = new IngestPipeline(sequencer, 64);
        pipeline.start();
        List<RawQuote> slice = new ArrayList<>();
        slice.add(raw("AAPL", 100, PROVIDER_TIME));
        slice.add(null);

        assertThatThrownBy(() -> pipeline.submitAll(slice)).isInstanceOf(NullPointerException.class);
        pipeline.close();

        assertThat(pipeline.processedCount()).isZero();
    }

    @Test
    void submitAllBeforeStartIsRefused() {
        pipeline = new IngestPipeline(sequencer, 64);

        assertThatThrownBy(() -> pipeline.submitAll(List.of(raw("AAPL", 100, PROVIDER_TIME))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running");
    }

    @Test
    void submitBeforeStartIsRefused() {
        pipeline = new IngestPipeline(sequencer, 64);

        assertThatThrownBy(() -> pipeline.submit(raw("AAPL", 100, PROVIDER_TIME)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running");
        assertThat(pipeline.processedCount()).isZero();
    }

    @Test
    void submitAfterCloseIsRefused() {
        pipeline = new IngestPipeline(sequencer, 64);
        pipeline.start();
        pipeline.close();

        assertThatThrownBy(() -> pipeline.submit(raw("AAPL", 100, PROVIDER_TIME)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeBeforeStartAndTwiceIsHarmless() {
        pipeline = new IngestPipeline(sequencer, 64);
        pipeline.close();
        pipeline.start();
        pipeline.submit(raw("AAPL", 100, PROVIDER_TIME));

        pipeline.close();
        pipeline.close();

        assertThat(pipeline.processedCount()).isEqualTo(1);
    }

    @Test
    void rejectedQuotesAreProcessedAndCountedButNotPublished() {
        pipeline = new IngestPipeline(sequencer, 64);
        pipeline.start();

        pipeline.submit(raw("AAPL", -1, PROVIDER_TIME));
        pipeline.submit(raw("BAD SYMBOL", 100, PROVIDER_TIME));
        pipeline.submit(raw("AAPL", 100, PROVIDER_TIME));
        pipeline.close();

        assertThat(pipeline.processedCount()).isEqualTo(3);
        assertThat(metrics.rejected(RejectReason.INVALID_PRICE)).isEqualTo(1);
        assertThat(metrics.rejected(RejectReason.INVALID_SYMBOL)).isEqualTo(1);
        assertThat(listener.seqsOf("AAPL")).containsExactly(1L);
    }

    @Test
    @Timeout(30)
    void fullRingBlocksTheProducerInsteadOfDropping() throws InterruptedException {
        int ringSize = 16;
        int submitted = 100;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger returned = new AtomicInteger();
        bus.subscribe(new QuoteListener() {
            @Override
            public void onQuote(Quote quote) {
                awaitLatch(release); // a stuck consumer: the ring fills up behind it
            }
        });
        pipeline = new IngestPipeline(sequencer, ringSize);
        pipeline.start();

        Thread producer = Thread.ofPlatform().name("producer").start(() -> {
            for (int i = 0; i < submitted; i++) {
                pipeline.submit(raw("AAPL", 1 + i / 100.0, PROVIDER_TIME));
                returned.incrementAndGet();
            }
        });

        await().atMost(PATIENCE).until(() -> returned.get() >= ringSize);
        assertThat(returned.get()).as("submits returned while the consumer was stuck").isEqualTo(ringSize);
        assertThat(pipeline.backlog()).as("backlog counts the full ring (and the producer waiting)").isGreaterThanOrEqualTo(ringSize);
        assertThat(producer.isAlive()).as("producer is held back").isTrue();

        release.countDown();
        producer.join();
        await().atMost(PATIENCE).until(() -> pipeline.processedCount() == submitted);
        assertThat(listener.seqsOf("AAPL"))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, submitted).boxed().toList());
    }

    @Test
    void sequencerThreadSurvivesAQuoteItCannotHandle() {
        pipeline = new IngestPipeline(sequencer, 64);
        pipeline.start();

        pipeline.submit(RawQuote.lastPrice("AAPL", 100, "buggy-provider", null));
        pipeline.submit(raw("AAPL", 101, PROVIDER_TIME));

        await().atMost(PATIENCE).until(() -> pipeline.processedCount() == 2);
        pipeline.close();
        assertThat(pipeline.failedCount()).isEqualTo(1);
        assertThat(listener.quotes()).extracting(Quote::price).containsExactly(101.0);
        assertThat(listener.seqsOf("AAPL")).containsExactly(1L);
    }

    @Test
    void nullQuoteIsRefusedOnTheSubmittingThread() {
        pipeline = new IngestPipeline(sequencer, 64);
        pipeline.start();

        assertThatThrownBy(() -> pipeline.submit(null)).isInstanceOf(NullPointerException.class);
        pipeline.submit(raw("AAPL", 100, PROVIDER_TIME));
        pipeline.close();

        assertThat(pipeline.processedCount()).isEqualTo(1);
        assertThat(listener.seqsOf("AAPL")).containsExactly(1L);
    }

    @Test
    void ringSizeMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new IngestPipeline(sequencer, 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
