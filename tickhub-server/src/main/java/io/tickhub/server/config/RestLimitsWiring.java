package io.tickhub.server.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.server.http.limits.LimitRefusals;
import io.tickhub.server.security.AddressRateFilter;
import io.tickhub.server.security.ClientBuckets;
import io.tickhub.server.security.Quota;
import io.tickhub.server.security.RestLimitFilter;
import io.tickhub.server.security.RestLimits;
import io.tickhub.server.security.SecurityProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/**
 * REST request rates and poll budgets per credential and per address
 * ({@code tickhub.security.limits.*}, docs/security.md, Limits).
 */
@Configuration(proxyBeanMethods = false)
public class RestLimitsWiring {

    @Bean
    RestLimits restLimits(SecurityProperties security, ConnectionLimitsProperties connections, Clock clock,
                          LimitRefusals refusals, MeterRegistry meters) {
        // A request bucket fills in 2 s whatever its rate, a poll bucket in a minute: forgotten after that.
        ClientBuckets requests = new ClientBuckets(clock, RestLimits.MAX_CLIENTS, Quota.requestsPerSecond(1).toFill());
        ClientBuckets polls = new ClientBuckets(clock, RestLimits.MAX_CLIENTS, Quota.pollsPerMinute(1).toFill());
        Gauge.builder("tickhub.security.limit.buckets", requests, ClientBuckets::size).tag("kind", "requests")
                .description("Rate-limit buckets held, per key and per address").register(meters);
        Gauge.builder("tickhub.security.limit.buckets", polls, ClientBuckets::size).tag("kind", "polls")
                .description("Rate-limit buckets held, per key and per address").register(meters);
        return new RestLimits(security.limits().address().toLimits(connections.maxStreamsPerAddress()),
                requests, polls, refusals);
    }

    @Bean
    AddressRateFilter addressRateFilter(RestLimits limits, ObjectMapper json) {
        return new AddressRateFilter(limits, json);
    }

    @Bean
    RestLimitFilter restLimitFilter(RestLimits limits, ObjectMapper json) {
        return new RestLimitFilter(limits, json);
    }
}
