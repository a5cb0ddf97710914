package io.tickhub.server.http.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.failover.FeedStatus;
import io.tickhub.core.jobs.Poller;
import io.tickhub.core.jobs.RequestBudgets;
import io.tickhub.core.provider.ProviderRegistry;
import io.tickhub.core.provider.ProviderStatus;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.quote.Timestamps;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Native API: every provider's state and budget, and which provider serves each polled symbol. */
@RestController
@Tag(name = "Providers", description = "Native API: providers, rate limits, failover")
public class ProvidersController {

    private final ProviderRegistry registry;
    private final ProviderStatusBoard status;
    private final RequestBudgets budgets;
    private final Poller poller;
    private final FeedBoard feeds;

    public ProvidersController(ProviderRegistry registry, ProviderStatusBoard status, RequestBudgets budgets,
                               Poller poller, FeedBoard feeds) {
        this.registry = registry;
        this.status = status;
        this.budgets = budgets;
        this.poller = poller;
        this.feeds = feeds;
    }

    /**
     * @param kind      {@code polling}, {@code streaming} or {@code source}
     * @param state     {@code starting}, {@code up}, {@code down}, {@code rate_limited} or {@code disabled}
     * @param message   why it is down, limited or disabled (never a key)
     * @param quotes    new observations it delivered since start
     * @param rateLimit its request budget and whether the upstream has it resting
     */
    public record ProviderInfo(String name, String kind, boolean enabled, String state, String lastSuccess,
                               String lastError, String message, long quotes, RateLimit rateLimit) {
    }

    /**
     * @param limited   true while the upstream's rate limit has the provider resting
     * @param until     when the rest ends, or null
     * @param permits   requests allowed per {@code period} (null when it has no budget)
     * @param period    ISO-8601 duration
     * @param available requests left in the current period
     */
    public record RateLimit(boolean limited, String until, Integer permits, String period, Integer available) {
    }

    public record ProviderList(List<ProviderInfo> providers) {
    }

    /**
     * @param serving the provider whose updates the hub takes now
     * @param since   when {@code serving} or {@code stale} last changed
     */
    public record FeedView(String symbol, String preferred, String serving, boolean stale, boolean failedOver,
                           String since, List<SourceView> sources) {
        static FeedView of(FeedStatus s) {
            return new FeedView(s.symbol(), s.preferred(), s.serving(), s.stale(), s.failedOver(),
                    Timestamps.iso(s.since()), s.feeds().stream().map(f -> new SourceView(f.provider(),
                            f.interval().toSeconds(), Timestamps.iso(f.lastHeard()), f.fresh())).toList());
        }
    }

    /** @param interval seconds between expected updates */
    public record SourceView(String provider, long interval, String lastHeard, boolean fresh) {
    }

    public record FeedList(List<FeedView> feeds) {
    }

    @GetMapping("/api/v1/providers")
    @Operation(operationId = "listProviders", summary = "Every provider: status, last success and error, rate-limit state",
            description = "A provider without its API key is listed as `disabled` with the reason; keys are never shown.")
    public ProviderList providers() {
        return new ProviderList(registry.all().stream().map(entry -> {
            ProviderStatus s = status.get(entry.name()).orElse(ProviderStatus.starting(entry.name()));
            var until = poller.restingUntil(entry.name()).orElse(null);
            var budget = budgets.state(entry.name()).orElse(null);
            RateLimit limit = new RateLimit(until != null, Timestamps.iso(until),
                    budget == null ? null : budget.permits(), budget == null ? null : budget.period().toString(),
                    budget == null ? null : budget.available());
            return new ProviderInfo(entry.name(), entry.kind().name().toLowerCase(Locale.ROOT), entry.enabled(),
                    s.state().name().toLowerCase(Locale.ROOT), Timestamps.iso(s.lastSuccess()),
                    Timestamps.iso(s.lastError()), s.message(), s.quotes(), limit);
        }).toList());
    }

    @GetMapping("/api/v1/feeds")
    @Operation(operationId = "listFeeds", summary = "Which provider serves each symbol that jobs feed, and whether it is stale",
            description = "A symbol is served by the first provider in its priority (`tickhub.failover`) heard within "
                    + "k of its intervals; `stale` when none is.")
    public FeedList feeds() {
        return new FeedList(feeds.statuses().stream().map(FeedView::of).toList());
    }
}
