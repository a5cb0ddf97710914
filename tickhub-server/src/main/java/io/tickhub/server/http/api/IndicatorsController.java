package io.tickhub.server.http.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.analytics.Indicators;
import io.tickhub.core.book.Book;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Timestamps;
import io.tickhub.server.http.error.ApiException;
import io.tickhub.server.http.error.InvalidParam;
import io.tickhub.server.http.error.QueryParams;
import io.tickhub.server.http.error.SymbolParams;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Native indicators over a symbol's latest observations: SMA, EMA and VWAP. Served from the
 * in-memory history for now, so the window is at most {@code tickhub.history-size}; bar-based
 * indicators ({@code interval}) come with the store (#4).
 */
@RestController
@Tag(name = "Indicators", description = "Native API: moving averages and VWAP")
public class IndicatorsController {

    private final Book book;

    public IndicatorsController(Book book) {
        this.book = book;
    }

    /**
     * @param value  the indicator's value
     * @param asOf   hub time of the newest observation in the window
     * @param points observations used
     */
    public record IndicatorView(String symbol, String indicator, int window, double value, String asOf, int points) {
    }

    @GetMapping("/api/v1/indicators/{indicator}/{symbol}")
    @Operation(summary = "SMA, EMA or VWAP over the latest `window` observations",
            description = "EMA uses smoothing 2/(window+1), seeded with the first window's mean, over all held "
                    + "observations; SMA and VWAP use the last `window` only.")
    @ApiResponse(responseCode = "200", description = "The value")
    @ApiResponse(responseCode = "404", description = "Fewer than `window` observations so far (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "Unknown indicator, invalid symbol or window (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public IndicatorView indicator(
            @Parameter(description = "`sma`, `ema` or `vwap`") @PathVariable String indicator,
            @PathVariable String symbol,
            @Parameter(description = "Observations, 1..`tickhub.history-size` (default 20)")
            @RequestParam(required = false) String window) {
        String kind = indicator.toLowerCase(Locale.ROOT);
        if (!List.of("sma", "ema", "vwap").contains(kind)) {
            throw ApiException.invalid(InvalidParam.path("indicator", "enum",
                    "Input should be 'sma', 'ema' or 'vwap'", indicator));
        }
        String name = SymbolParams.normalize(symbol, "path", "symbol");
        int n = QueryParams.optionalInt("window", window, 1, book.historySize(), 20);
        List<Quote> held = book.history(name, kind.equals("ema") ? book.historySize() : n);
        if (held.size() < n) {
            throw ApiException.notFound(n + " observations of " + name + " are needed; the hub has " + held.size());
        }
        double[] prices = held.stream().mapToDouble(Quote::price).toArray();
        double value = switch (kind) {
            case "sma" -> Indicators.sma(prices, n);
            case "ema" -> Indicators.ema(prices, n);
            default -> Indicators.vwap(prices, held.stream().mapToDouble(Quote::volume).toArray(), n);
        };
        if (Double.isNaN(value)) {
            throw ApiException.notFound("No volume in the last " + n + " observations of " + name);
        }
        return new IndicatorView(name, kind, n, value, Timestamps.iso(held.getLast().hubTime()), held.size());
    }
}
