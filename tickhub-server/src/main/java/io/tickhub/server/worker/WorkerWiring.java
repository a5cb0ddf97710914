package io.tickhub.server.worker;

import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.store.Store;
import io.tickhub.core.store.StoreRecovery;
import io.tickhub.core.store.StoreWriter;
import io.tickhub.server.analytics.BarCloser;
import io.tickhub.server.bus.kafka.KafkaWorker;
import io.tickhub.server.bus.kafka.PriceEventsPublisher;
import io.tickhub.server.cache.RedisLatestCache;
import io.tickhub.server.config.ConditionalOnRole;
import io.tickhub.server.config.Roles;
import io.tickhub.server.config.TickhubProperties;
import io.tickhub.server.health.VitalThreads;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A worker node on Kafka: quotes from its share of the partitions → store writer, its own bars
 * (closed ones and checkpoints to the store), the shared Redis cache and system B's
 * {@code price-events}; offsets committed once the store has them. Gateways compute the same
 * bars for their streams but store nothing; this is the only writer of quotes and bars.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tickhub.bus.type", havingValue = "kafka")
@ConditionalOnRole(Roles.Role.WORKER)
public class WorkerWiring {

    private static final Logger log = LoggerFactory.getLogger(WorkerWiring.class);

    /** Bars of this worker's partitions, restored from the store and written back to it. */
    @Bean(initMethod = "start", destroyMethod = "close")
    WorkerBars workerBars(TickhubProperties properties, Store store, StoreWriter storeWriter, Clock clock) {
        BarAggregator bars = new BarAggregator(properties.bars().zone(), properties.bars().settings(), clock);
        StoreRecovery.restoreBars(store, bars);
        bars.subscribe(storeWriter);
        return new WorkerBars(bars, new BarCloser(bars, clock, storeWriter::checkpoint, properties.store().barCheckpoint()));
    }

    /** Closed before the store writer (it depends on it), so its last batch is either committed or read again. */
    @Bean(destroyMethod = "close")
    KafkaWorker kafkaWorker(TickhubProperties properties, StoreWriter storeWriter, WorkerBars bars,
                            ObjectProvider<RedisLatestCache> latestCache, ObjectProvider<PriceEventsPublisher> priceEvents,
                            VitalThreads vitalThreads) {
        List<QuoteListener> listeners = new ArrayList<>(List.of(storeWriter, bars.aggregator()));
        latestCache.ifAvailable(listeners::add);
        priceEvents.ifAvailable(listeners::add);
        return new KafkaWorker(properties.bus().kafka().settings(),
                storeWriter, listeners,
                (listener, e) -> log.error("Worker listener {} failed", listener, e), vitalThreads);
    }

    /** What a worker does, for Prometheus: its share of the partitions, its commits, replays and commit retries. */
    @Bean
    MeterBinder workerMetrics(KafkaWorker worker, WorkerBars bars) {
        return registry -> {
            Gauge.builder("tickhub.worker.partitions", worker, KafkaWorker::assignedPartitions)
                    .description("Partitions of the quotes topic this worker holds in its group").register(registry);
            FunctionCounter.builder("tickhub.worker.commits", worker, KafkaWorker::committedBatches)
                    .description("Batches committed after the store had them").register(registry);
            FunctionCounter.builder("tickhub.worker.replays", worker, KafkaWorker::replays)
                    .description("Batches read again because the store refused or lost rows of them").register(registry);
            FunctionCounter.builder("tickhub.worker.bar.repeats", bars.aggregator(), BarAggregator::repeatCount)
                    .description("Quotes of replayed batches the worker's bars skipped (not counted twice)").register(registry);
            FunctionCounter.builder("tickhub.worker.commit.retries", worker, KafkaWorker::commitRetries)
                    .description("Commits tried again because the broker could not take them at once").register(registry);
        };
    }

    /** The worker's aggregator with its closer: one lifecycle for both. */
    public record WorkerBars(BarAggregator aggregator, BarCloser closer) implements AutoCloseable {
        public void start() {
            closer.start();
        }

        @Override
        public void close() {
            closer.close();
        }
    }
}
