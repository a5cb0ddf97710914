package io.tickhub.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tickhub.core.book.Book;
import io.tickhub.core.bus.InProcessBus;
import io.tickhub.core.bus.QuoteBus;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.server.bus.kafka.KafkaQuoteBus;
import io.tickhub.server.bus.redis.RedisQuoteBus;
import java.util.function.ToDoubleFunction;

/** Exposes the book's, the bus's and ingest's own counters as Micrometer meters. */
public final class HubMetricsBinder implements MeterBinder {

    private final Book book;
    private final IngestPipeline ingest;
    private final QuoteBus bus;

    public HubMetricsBinder(Book book, IngestPipeline ingest, QuoteBus bus) {
        this.book = book;
        this.ingest = ingest;
        this.bus = bus;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tickhub.book.symbols", book, Book::size)
                .description("Symbols with at least one quote in the book").register(registry);
        FunctionCounter.builder("tickhub.book.updates", book, Book::appliedCount)
                .description("Quotes applied to the book").register(registry);
        FunctionCounter.builder("tickhub.book.duplicates", book, Book::duplicateCount)
                .description("Redelivered quotes the book ignored (seq not above the latest)").register(registry);
        FunctionCounter.builder("tickhub.book.gaps", book, Book::gapCount)
                .description("Quotes applied after a seq gap").register(registry);
        Gauge.builder("tickhub.ingest.backlog", ingest, IngestPipeline::backlog)
                .description("Provider quotes waiting for the sequencer").register(registry);
        FunctionCounter.builder("tickhub.ingest.processed", ingest, IngestPipeline::processedCount)
                .description("Provider quotes the sequencer handled (accepted or rejected)").register(registry);
        FunctionCounter.builder("tickhub.ingest.failures", ingest, IngestPipeline::failedCount)
                .description("Quotes or batch ends the sequencer threw on (it carries on)").register(registry);
        switch (bus) {
            case InProcessBus inProcess -> listenerFailures(registry, inProcess, InProcessBus::listenerFailures);
            case KafkaQuoteBus kafka -> {
                listenerFailures(registry, kafka, KafkaQuoteBus::listenerFailures);
                FunctionCounter.builder("tickhub.bus.send.failures", kafka, KafkaQuoteBus::sendFailures)
                        .description("Quotes Kafka did not take within delivery.timeout.ms (lost)").register(registry);
                undecodable(registry, kafka, KafkaQuoteBus::undecodable);
            }
            case RedisQuoteBus redis -> {
                listenerFailures(registry, redis, RedisQuoteBus::listenerFailures);
                FunctionCounter.builder("tickhub.bus.send.failures", redis, RedisQuoteBus::publishFailures)
                        .description("Quotes Redis did not take (lost)").register(registry);
                FunctionCounter.builder("tickhub.bus.overflows", redis, RedisQuoteBus::overflows)
                        .description("Messages dropped because the delivery thread fell behind").register(registry);
                undecodable(registry, redis, RedisQuoteBus::undecodable);
            }
            default -> { }
        }
    }

    private static <T> void listenerFailures(MeterRegistry registry, T bus, ToDoubleFunction<T> count) {
        FunctionCounter.builder("tickhub.bus.listener.failures", bus, count)
                .description("Exceptions thrown by bus listeners").register(registry);
    }

    private static <T> void undecodable(MeterRegistry registry, T bus, ToDoubleFunction<T> count) {
        FunctionCounter.builder("tickhub.bus.undecodable", bus, count)
                .description("Messages on the bus that were not quotes (skipped)").register(registry);
    }
}
