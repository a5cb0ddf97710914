package io.tickhub.server.config;

import io.tickhub.core.news.NewsWire;
import io.tickhub.server.bus.kafka.KafkaNewsPublisher;
import io.tickhub.server.bus.kafka.KafkaNewsReader;
import io.tickhub.server.health.VitalThreads;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * News across roles on Kafka: ingest nodes run the news sources and publish what their wire
 * accepts to the news topic; gateways read the topic into their own wire, which feeds their
 * {@code news} channel, {@code /ws/news} and {@code /api/v1/news}. A node with both roles does
 * both; its wire drops its own items coming back.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tickhub.bus.type", havingValue = "kafka")
public class KafkaNewsWiring {

    @Bean(destroyMethod = "close")
    @ConditionalOnRole(Roles.Role.INGEST)
    KafkaNewsPublisher kafkaNewsPublisher(TickhubProperties properties, NewsWire wire) {
        BusProperties.Kafka kafka = properties.bus().kafka();
        KafkaNewsPublisher publisher = new KafkaNewsPublisher(kafka.settings(), kafka.newsTopic());
        wire.subscribe(publisher);
        return publisher;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnRole(Roles.Role.GATEWAY)
    KafkaNewsReader kafkaNewsReader(TickhubProperties properties, NewsWire wire, VitalThreads vitalThreads) {
        BusProperties.Kafka kafka = properties.bus().kafka();
        return new KafkaNewsReader(kafka.settings(), kafka.newsTopic(), properties.news().recentSize(), wire::publish,
                vitalThreads);
    }
}
