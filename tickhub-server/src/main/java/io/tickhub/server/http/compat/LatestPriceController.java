package io.tickhub.server.http.compat;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.book.Book;
import io.tickhub.core.jobs.JobRejectedException;
import io.tickhub.core.jobs.Poller;
import io.tickhub.core.jobs.PollingJobs;
import io.tickhub.core.provider.Fetched;
import io.tickhub.core.provider.PollingProvider;
import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.provider.ProviderRegistry;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Timestamps;
import io.tickhub.core.store.Store;
import io.tickhub.server.cache.RedisLatestCache;
import org.springframework.beans.factory.ObjectProvider;
import io.tickhub.server.http.error.ApiException;
import io.tickhub.server.http.error.Blocking;
import io.tickhub.server.http.error.InvalidParam;
import io.tickhub.server.http.error.ProviderErrors;
import io.tickhub.server.http.error.SymbolParams;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Systems B and C's latest price. The book answers when its latest quote is of the asked provider
 * (or none was asked); otherwise the store, whose newest point of that provider may be older.
 * <b>Fix:</b> the original's cache key held the literal {@code None} when no provider was given,
 * so it never hit; here "no provider" means "any provider".
 *
 * <p>A symbol the hub holds no price of is fetched once from the provider asked (or the default one), as system
 * C did: through {@link Poller#pollNow}, so within the provider's request budget and its time-out, and the price
 * joins the hub like any poll's. A symbol the provider does not know stays 404.
 */
@RestController
@Tag(name = "Compat B/C: market data", description = "Drop-in routes of systems B and C")
public class LatestPriceController {

    private final Book book;
    private final Store store;
    private final ObjectProvider<RedisLatestCache> cache;
    private final PollingJobs jobs;
    private final Poller poller;
    private final ProviderRegistry registry;

    public LatestPriceController(Book book, Store store, ObjectProvider<RedisLatestCache> cache, PollingJobs jobs,
                                 Poller poller, ProviderRegistry registry) {
        this.cache = cache;
        this.book = book;
        this.store = store;
        this.jobs = jobs;
        this.poller = poller;
        this.registry = registry;
    }

    /** B and C's body. */
    public record LatestPrice(String symbol, double price, String timestamp, String provider) {

        static LatestPrice of(Quote q) {
            return new LatestPrice(q.symbol(), q.price(), Timestamps.iso(q.providerTime()), q.provider());
        }

        static LatestPrice of(RedisLatestCache.CachedPrice p) {
            return new LatestPrice(p.symbol(), p.price(), p.timestamp(), p.provider());
        }
    }

    @GetMapping("/prices/latest")
    @Operation(operationId = "getLatestPrice", summary = "Latest price of a symbol, of any provider or of the one named (systems B, C)",
            description = "`timestamp` is when the provider observed the price. A symbol the hub holds no price "
                    + "of is fetched once from the provider (the default one when none is named), within its "
                    + "request budget, as system C did.")
    @ApiResponse(responseCode = "200", description = "The latest price")
    @ApiResponse(responseCode = "404", description = "No price of this symbol (and provider), and the provider "
            + "does not know it (or cannot be polled)",
            content = @Content(schema = @Schema(example = "{\"detail\":\"Price point not found\"}")))
    @ApiResponse(responseCode = "422", description = "Missing or invalid symbol")
    @ApiResponse(responseCode = "429", description = "Fetching it live: the provider's budget is spent or it rests "
            + "after a rate limit; `Retry-After` says how long")
    @ApiResponse(responseCode = "502", description = "Fetching it live: the provider failed")
    @ApiResponse(responseCode = "504", description = "Fetching it live: the provider did not answer in time")
    public Mono<LatestPrice> latest(
            @Parameter(description = "Symbol, case-insensitive", required = true) @RequestParam(required = false) String symbol,
            @Parameter(description = "Provider name, e.g. `yfinance`, `alpha_vantage`, `simulator`")
            @RequestParam(required = false) String provider) {
        if (symbol == null) {
            throw ApiException.invalid(InvalidParam.query("symbol", "missing", "Field required", null));
        }
        String name = SymbolParams.normalize(symbol, "query", "symbol");
        String wanted = provider == null || provider.isBlank() ? null : provider.trim();
        Optional<Quote> held = book.latest(name).filter(q -> wanted == null || q.provider().equals(wanted));
        if (held.isPresent()) {
            return Mono.just(LatestPrice.of(held.get()));
        }
        // The shared Redis cache (when configured) before the store; a cache away just means the store.
        RedisLatestCache redis = cache.getIfAvailable();
        return Blocking.call(() -> Optional.ofNullable(redis)
                        .flatMap(c -> c.latest(name, wanted)).map(LatestPrice::of)
                        .or(() -> store.latest(name, wanted).map(LatestPrice::of))
                        .orElseGet(() -> fetchLive(name, wanted)));
    }

    /** C's fallback: one fetch now from the provider asked, or the default one. Blocks for the fetch. */
    private LatestPrice fetchLive(String symbol, String wanted) {
        String providerName = jobs.providerOrDefault(wanted);
        try {
            jobs.checkProvider(providerName);
        } catch (JobRejectedException e) {
            throw ApiException.notFound("Price point not found"); // unknown, disabled or not pollable: no fetch
        }
        PollingProvider polling = registry.polling(providerName)
                .orElseThrow(() -> ApiException.notFound("Price point not found"));
        try {
            Fetched fetched = poller.pollNow(polling, symbol);
            return new LatestPrice(symbol, fetched.quote().price(), Timestamps.iso(fetched.quote().providerTime()),
                    providerName);
        } catch (ProviderException e) {
            if (e.kind() == ProviderException.Kind.UNKNOWN_SYMBOL) {
                throw ApiException.notFound("Price point not found");
            }
            throw ProviderErrors.toApi(providerName, e);
        }
    }
}
