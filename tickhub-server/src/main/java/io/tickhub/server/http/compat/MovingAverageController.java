package io.tickhub.server.http.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.analytics.Indicators;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Symbols;
import io.tickhub.core.quote.Timestamps;
import io.tickhub.core.store.MarketHistory;
import io.tickhub.server.config.TickhubProperties;
import io.tickhub.server.http.error.ApiException;
import io.tickhub.server.http.error.Blocking;
import io.tickhub.server.http.error.InvalidParam;
import io.tickhub.server.http.error.QueryParams;
import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Systems B and C's moving average: the simple average of a symbol's latest {@code window}
 * prices, for any window from 2 to {@code tickhub.store.max-query-window} (the original only ever
 * computed 5), computed on every request so {@code calc_time} is always the time of this
 * computation (the original never updated it). The prices come from the book, and from the
 * store when the window reaches further back than the book holds.
 */
@RestController
@Tag(name = "Compat B/C: market data", description = "Drop-in routes of systems B and C")
public class MovingAverageController {

    static final int DEFAULT_WINDOW = 5;

    private final MarketHistory history;
    private final Clock clock;
    private final int maxWindow;

    public MovingAverageController(MarketHistory history, Clock clock, TickhubProperties properties) {
        this.history = history;
        this.clock = clock;
        this.maxWindow = properties.store().maxQueryWindow();
    }

    /** C's body: {@code {"symbol","window","moving_average","calc_time"}}. */
    public record MovingAverage(String symbol, int window, @JsonProperty("moving_average") double movingAverage,
                                @JsonProperty("calc_time") String calcTime) {
    }

    @GetMapping("/prices/ma")
    @Operation(operationId = "getMovingAverage", summary = "Moving average of the latest `window` prices (system C)")
    @ApiResponse(responseCode = "200", description = "The average")
    @ApiResponse(responseCode = "404", description = "Fewer than `window` prices so far",
            content = @Content(schema = @Schema(example = "{\"detail\":\"Moving average not available yet\"}")))
    @ApiResponse(responseCode = "422", description = "Missing symbol, or window not an integer in 2..max-query-window")
    public Mono<MovingAverage> movingAverage(
            @Parameter(description = "Symbol, case-insensitive", required = true) @RequestParam(required = false) String symbol,
            @Parameter(description = "Number of latest prices, 2..`tickhub.store.max-query-window` (default 5)",
                    schema = @Schema(type = "integer", format = "int32", minimum = "2"))
            @RequestParam(required = false) String window) {
        if (symbol == null) {
            throw ApiException.invalid(InvalidParam.query("symbol", "missing", "Field required", null));
        }
        return compute(symbol, window);
    }

    @GetMapping("/ma/{symbol}")
    @Operation(operationId = "getMovingAverageOf", summary = "Moving average of the latest `window` prices (system C's README route)")
    @ApiResponse(responseCode = "200", description = "The average")
    @ApiResponse(responseCode = "404", description = "Fewer than `window` prices so far")
    @ApiResponse(responseCode = "422", description = "window not an integer in 2..max-query-window")
    public Mono<MovingAverage> movingAverageOf(
            @PathVariable String symbol,
            @Parameter(description = "Number of latest prices, 2..`tickhub.store.max-query-window` (default 5)",
                    schema = @Schema(type = "integer", format = "int32", minimum = "2"))
            @RequestParam(required = false) String window) {
        return compute(symbol, window);
    }

    private Mono<MovingAverage> compute(String rawSymbol, String rawWindow) {
        int window = QueryParams.optionalInt("window", rawWindow, 2, maxWindow, DEFAULT_WINDOW);
        String symbol = Symbols.isValid(rawSymbol) ? Symbols.normalize(rawSymbol) : rawSymbol;
        return Blocking.call(() -> {
            List<Quote> latest = history.newestQuotes(symbol, window);
            if (latest.size() < window) {
                throw ApiException.notFound("Moving average not available yet");
            }
            double[] prices = latest.stream().mapToDouble(Quote::price).toArray();
            return new MovingAverage(symbol, window, Indicators.sma(prices, window), Timestamps.iso(clock.instant()));
        });
    }
}
