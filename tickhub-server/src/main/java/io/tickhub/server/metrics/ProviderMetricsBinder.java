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
import io.tickhub.core.provider.StreamingProvider;
import io.tickhub.core.provider.UpstreamUse;
import java.util.function.ToDoubleFunction;

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
            if (entry.impl() instanceof StreamingProvider stream && stream.upstreamUse().isPresent()) {
                upstream(meters, stream);
            }
        }
        Gauge.builder("tickhub.symbols.stale", feeds, FeedBoard::staleCount)
                .description("Symbols whose expected providers all went quiet for k of their intervals").register(meters);
        Gauge.builder("tickhub.symbols.failed.over", feeds, FeedBoard::failedOverCount)
                .description("Symbols served by a provider other than their preferred one").register(meters);
        FunctionCounter.builder("tickhub.failovers", feeds, FeedBoard::failoverCount)
                .description("Times a symbol moved to a provider other than its preferred one").register(meters);
    }

    /** A stream's use of its upstream limits: at the cap, clients are told {@code upstream_limit}. */
    private static void upstream(MeterRegistry meters, StreamingProvider stream) {
        String name = stream.name();
        gauge(meters, "tickhub.upstream.symbols", stream, UpstreamUse::symbols, name,
                "Symbols subscribed upstream, lingering ones included");
        gauge(meters, "tickhub.upstream.symbols.max", stream, UpstreamUse::maxSymbols, name,
                "The cap on symbols subscribed upstream");
        gauge(meters, "tickhub.upstream.symbols.refused", stream, UpstreamUse::refused, name,
                "Symbols clients or jobs want that the upstream cap keeps out");
        FunctionCounter.builder("tickhub.upstream.messages", stream,
                        s -> s.upstreamUse().map(UpstreamUse::messages).orElse(0L))
                .tag("provider", name)
                .description("Subscribe and unsubscribe messages sent upstream").register(meters);
    }

    private static void gauge(MeterRegistry meters, String meter, StreamingProvider stream,
                              ToDoubleFunction<UpstreamUse> value, String provider, String description) {
        Gauge.builder(meter, stream, s -> s.upstreamUse().map(value::applyAsDouble).orElse(0.0))
                .tag("provider", provider).description(description).register(meters);
    }
}
