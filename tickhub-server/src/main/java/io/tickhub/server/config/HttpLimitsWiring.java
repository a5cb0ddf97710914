package io.tickhub.server.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.server.http.error.JsonWithoutContentTypeFilter;
import io.tickhub.server.http.error.MalformedRequestFilter;
import io.tickhub.server.http.limits.ConnectionBudget;
import io.tickhub.server.http.limits.HttpConnectionGuard;
import io.tickhub.server.http.limits.LimitRefusals;
import io.tickhub.server.stream.StreamAdmission;
import io.tickhub.server.stream.StreamGrants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The HTTP port's limits and the streaming connection caps (docs/operations.md, Limits). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectionLimitsProperties.class)
public class HttpLimitsWiring {

    private static final Logger log = LoggerFactory.getLogger(HttpLimitsWiring.class);

    @Bean
    LimitRefusals limitRefusals(MeterRegistry registry) {
        return new LimitRefusals(registry);
    }

    @Bean
    ConnectionBudget connectionBudget(ConnectionLimitsProperties limits) {
        ConnectionBudget budget = ConnectionBudget.of(limits.max());
        log.info("At most {} HTTP connections ({}; descriptor limit {})", budget.maxConnections(),
                budget.derived() ? "derived from the descriptor limit" : "tickhub.limits.connections.max",
                budget.descriptorLimit());
        return budget;
    }

    @Bean
    HttpConnectionGuard httpConnectionGuard(ConnectionBudget budget, ConnectionLimitsProperties limits,
                                            LimitRefusals refusals, ObjectMapper json, MeterRegistry registry) {
        HttpConnectionGuard guard = new HttpConnectionGuard(budget, limits, refusals, json);
        Gauge.builder("tickhub.http.connections", guard, HttpConnectionGuard::openConnections)
                .description("Open TCP connections on the HTTP port").register(registry);
        Gauge.builder("tickhub.http.connections.max", budget, ConnectionBudget::maxConnections)
                .description("Most TCP connections the HTTP port holds (tickhub.limits.connections.max)")
                .register(registry);
        return guard;
    }

    @Bean
    StreamAdmission streamAdmission(ConnectionLimitsProperties limits, LimitRefusals refusals, StreamGrants grants) {
        return new StreamAdmission(limits.maxStreams(), limits.maxStreamsPerAddress(), refusals, grants);
    }

    @Bean
    MalformedRequestFilter malformedRequestFilter(ObjectMapper json) {
        return new MalformedRequestFilter(json);
    }

    @Bean
    JsonWithoutContentTypeFilter jsonWithoutContentTypeFilter() {
        return new JsonWithoutContentTypeFilter();
    }
}
