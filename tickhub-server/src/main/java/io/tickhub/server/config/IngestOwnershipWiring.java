package io.tickhub.server.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.bus.QuoteBus;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.ingest.SymbolOwnership;
import io.tickhub.core.store.Store;
import io.tickhub.server.bus.kafka.KafkaIngestOwnership;
import io.tickhub.server.bus.kafka.KafkaQuoteBus;
import io.tickhub.server.bus.kafka.KafkaRawForwarder;
import io.tickhub.server.health.VitalThreads;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Ingest nodes on Kafka share the symbols: each sequences those of the quote partitions it holds
 * in {@code tickhub.bus.kafka.ingest-group}, so two nodes never give one symbol seqs. The
 * sequencer's gate is {@link SymbolOwnership} ({@link TickhubWiring#ingestPipeline} puts it after
 * the failover gate); {@link KafkaIngestOwnership} hands it partitions as the group assigns them.
 * A quote of a symbol another node sequences (a polling job's, a stream's) is handed to that node
 * over {@code tickhub.bus.kafka.raw-topic} ({@link KafkaRawForwarder}), which it reads for the
 * partitions it holds: every provider quote reaches the one sequencer of its symbol.
 * On the in-process and Redis buses there is one ingest node, which sequences everything.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tickhub.bus.type", havingValue = "kafka")
public class IngestOwnershipWiring {

    @Bean
    @ConditionalOnRole(Roles.Role.INGEST)
    SymbolOwnership symbolOwnership(TickhubProperties properties) {
        return KafkaIngestOwnership.gate(properties.bus().kafka().settings());
    }

    /** The sequencer's hand-off: sent with the bus's producer, so it lasts as long as the bus (past ingest). */
    @Bean
    @ConditionalOnRole(Roles.Role.INGEST)
    KafkaRawForwarder kafkaRawForwarder(TickhubProperties properties, SymbolOwnership ownership, QuoteBus bus,
                                        MeterRegistry registry) {
        BusProperties.Kafka kafka = properties.bus().kafka();
        KafkaRawForwarder forwarder = KafkaRawForwarder.over(kafkaBus(bus), kafka.settings(), kafka.rawTopic(), ownership);
        FunctionCounter.builder("tickhub.ingest.forwarded", forwarder, KafkaRawForwarder::forwardedCount)
                .description("Provider quotes of symbols another ingest node sequences, sent to it on the raw-quotes topic")
                .register(registry);
        FunctionCounter.builder("tickhub.ingest.forward.failures", forwarder, KafkaRawForwarder::failedCount)
                .description("Provider quotes that could not be sent to the node that sequences their symbol")
                .register(registry);
        return forwarder;
    }

    /** Joins the group once ingest runs; leaves it (releasing and flushing its symbols) before ingest stops. */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnRole(Roles.Role.INGEST)
    KafkaIngestOwnership kafkaIngestOwnership(TickhubProperties properties, SymbolOwnership ownership,
                                              IngestPipeline ingest, QuoteBus bus, Store store,
                                              VitalThreads vitalThreads, MeterRegistry registry) {
        BusProperties.Kafka kafka = properties.bus().kafka();
        KafkaIngestOwnership owner = new KafkaIngestOwnership(kafka.settings(), kafka.ingestGroup(),
                kafka.ingestSessionTimeout(), ownership, ingest, kafkaBus(bus)::flush, store::lastSeqs,
                new KafkaIngestOwnership.HandOff(kafka.rawTopic(), kafka.forwardGroup()), vitalThreads);
        Gauge.builder("tickhub.ingest.partitions.owned", owner, KafkaIngestOwnership::ownedPartitions)
                .description("Partitions of the quotes topic whose symbols this ingest node sequences")
                .register(registry);
        FunctionCounter.builder("tickhub.ingest.forward.received", owner, KafkaIngestOwnership::receivedCount)
                .description("Provider quotes other ingest nodes handed to this one, submitted into its ingest")
                .register(registry);
        return owner;
    }

    private static KafkaQuoteBus kafkaBus(QuoteBus bus) {
        if (!(bus instanceof KafkaQuoteBus kafkaBus)) {
            throw new IllegalStateException("ingest ownership needs the Kafka bus, not " + bus.getClass().getSimpleName());
        }
        return kafkaBus;
    }
}
