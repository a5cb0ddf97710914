package io.tickhub.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.jobs.Poller;
import io.tickhub.core.provider.ProviderState;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.provider.ProviderRegistry;

/** Providers, rate limits and failover as Micrometer meters: what an alert on a dead feed watches. */
public final class ProviderMetricsBinder implements MeterBinder {

    private final ProviderRegistry registry;
    private final ProviderStatusBoard status;
    private final FeedBoard feeds;
    private final Poller poller;

    public ProviderMetricsBinder(ProviderRegistry registry, ProviderStatusBoard status, FeedBoard feeds, Poller poller) {
        this.registry = registry;
        this.status = status;
        this.feeds = feeds;
        this.poller = poller;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        for (var entry : registry.all()) {
            String name = entry.name();
            Gauge.builder("tickhub.provider.up", status,
                            s -> s.get(name).map(p -> p.state() == ProviderState.UP ? 1 : 0).orElse(0))
                    .tag("provider", name)
                    .description("1 while the provider's last attempt succeeded").register(meters);
            Gauge.builder("tickhub.provider.rate.limited", poller, p -> p.restingUntil(name).isPresent() ? 1 : 0)
                    .tag("provider", name)
                    .description("1 while the upstream's rate limit has the provider resting").register(meters);
        }
        Gauge.builder("tickhub.symbols.stale", feeds, FeedBoard::staleCount)
                .description("Symbols whose expected providers all went quiet for k of their intervals").register(meters);
        Gauge.builder("tickhub.symbols.failed.over", feeds, FeedBoard::failedOverCount)
                .description("Symbols served by a provider other than their preferred one").register(meters);
        FunctionCounter.builder("tickhub.failovers", feeds, FeedBoard::failoverCount)
                .description("Times a symbol moved to a provider other than its preferred one").register(meters);
    }
}
