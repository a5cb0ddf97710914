package io.tickhub.server.http.compat;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.book.Book;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Timestamps;
import io.tickhub.core.store.Store;
import io.tickhub.server.cache.RedisLatestCache;
import org.springframework.beans.factory.ObjectProvider;
import io.tickhub.server.http.error.ApiException;
import io.tickhub.server.http.error.Blocking;
import io.tickhub.server.http.error.InvalidParam;
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
 */
@RestController
@Tag(name = "Compat B/C: market data", description = "Drop-in routes of systems B and C")
public class LatestPriceController {

    private final Book book;
    private final Store store;
    private final ObjectProvider<RedisLatestCache> cache;

    public LatestPriceController(Book book, Store store, ObjectProvider<RedisLatestCache> cache) {
        this.cache = cache;
        this.book = book;
        this.store = store;
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
            description = "`timestamp` is when the provider observed the price.")
    @ApiResponse(responseCode = "200", description = "The latest price")
    @ApiResponse(responseCode = "404", description = "No price of this symbol (and provider)",
            content = @Content(schema = @Schema(example = "{\"detail\":\"Price point not found\"}")))
    @ApiResponse(responseCode = "422", description = "Missing or invalid symbol")
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
                        .orElseThrow(() -> ApiException.notFound("Price point not found")));
    }
}
