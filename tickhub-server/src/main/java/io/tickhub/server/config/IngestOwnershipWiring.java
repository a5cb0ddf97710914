package io.tickhub.server.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.bus.QuoteBus;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.ingest.SymbolOwnership;
import io.tickhub.core.store.Store;
import io.tickhub.server.bus.kafka.KafkaIngestOwnership;
import io.tickhub.server.bus.kafka.KafkaQuoteBus;
import io.tickhub.server.health.VitalThreads;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Ingest nodes on Kafka share the symbols: each sequences those of the quote partitions it holds
 * in {@code tickhub.bus.kafka.ingest-group}, so two nodes never give one symbol seqs. The
 * sequencer's gate is {@link SymbolOwnership} ({@link TickhubWiring#ingestPipeline} puts it after
 * the failover gate); {@link KafkaIngestOwnership} hands it partitions as the group assigns them.
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

    /** Joins the group once ingest runs; leaves it (releasing and flushing its symbols) before ingest stops. */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnRole(Roles.Role.INGEST)
    KafkaIngestOwnership kafkaIngestOwnership(TickhubProperties properties, SymbolOwnership ownership,
                                              IngestPipeline ingest, QuoteBus bus, Store store,
                                              VitalThreads vitalThreads, MeterRegistry registry) {
        BusProperties.Kafka kafka = properties.bus().kafka();
        if (!(bus instanceof KafkaQuoteBus kafkaBus)) {
            throw new IllegalStateException("ingest ownership needs the Kafka bus, not " + bus.getClass().getSimpleName());
        }
        KafkaIngestOwnership owner = new KafkaIngestOwnership(kafka.settings(), kafka.ingestGroup(),
                kafka.ingestSessionTimeout(), ownership, ingest, kafkaBus::flush, store::lastSeqs, vitalThreads);
        Gauge.builder("tickhub.ingest.partitions.owned", owner, KafkaIngestOwnership::ownedPartitions)
                .description("Partitions of the quotes topic whose symbols this ingest node sequences")
                .register(registry);
        return owner;
    }
}
