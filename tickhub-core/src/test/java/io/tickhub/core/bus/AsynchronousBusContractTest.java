package io.tickhub.core.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.RecordingListener;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Checks the contract itself against a bus that delivers on other threads, the way a Kafka
 * adapter does (partition per symbol hash, one consumer thread per partition), so that it is
 * known to hold no hidden assumption of synchronous delivery before a real adapter relies on it.
 * The bus here is a test fixture, not production code.
 */
class AsynchronousBusContractTest extends QuoteBusContract {

    @Override
    protected QuoteBus newBus() {
        return new PartitionedExecutorBus(4);
    }

    @Override
    protected void awaitDelivered(RecordingListener listener, int quotes) {
        awaitReceivedAndFlushed(listener, quotes, DEFAULT_DELIVERY_TIMEOUT);
    }

    @Test
    void deliveryHappensOffThePublishingThread() {
        RecordingListener listener = new RecordingListener();
        bus.subscribe(listener);

        interleaved(List.of("A", "B", "C", "D", "E", "F"), 20, 5).forEach(bus::publish);
        bus.endOfBatch();

        awaitDelivered(listener, 120);
        assertThat(listener.deliveryThreads()).isNotEmpty().doesNotContain(Thread.currentThread());
    }

    /** Symbol-hash partitions, each delivered by one thread in publish order; a batch end on every partition. */
    static final class PartitionedExecutorBus implements QuoteBus {

        private final ExecutorService[] partitions;
        private final BusListeners listeners = new BusListeners((listener, e) -> { });

        PartitionedExecutorBus(int partitionCount) {
            partitions = new ExecutorService[partitionCount];
            for (int i = 0; i < partitionCount; i++) {
                String name = "test-partition-" + i;
                partitions[i] = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name(name).daemon().unstarted(r));
            }
        }

        @Override
        public void publish(Quote quote) {
            partitions[Math.floorMod(quote.symbol().hashCode(), partitions.length)]
                    .execute(() -> listeners.deliver(quote));
        }

        @Override
        public void endOfBatch() {
            for (ExecutorService partition : partitions) {
                partition.execute(listeners::endBatch);
            }
        }

        @Override
        public void subscribe(QuoteListener listener) {
            listeners.add(listener);
        }

        @Override
        public void close() {
            for (ExecutorService partition : partitions) {
                partition.shutdown();
            }
            try {
                for (ExecutorService partition : partitions) {
                    partition.awaitTermination(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
