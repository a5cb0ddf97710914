package io.tickhub.server.http.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.analytics.Indicators;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Timestamps;
import io.tickhub.core.store.MarketHistory;
import io.tickhub.server.config.TickhubProperties;
import io.tickhub.server.http.error.ApiException;
import io.tickhub.server.http.error.Blocking;
import io.tickhub.server.http.error.InvalidParam;
import io.tickhub.server.http.error.QueryParams;
import io.tickhub.server.http.error.SymbolParams;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Native indicators: SMA, EMA and VWAP over a symbol's latest observations, either ticks or (with
 * {@code interval}) bars. Read from the book and the store, so a window may reach back as far as
 * {@code tickhub.store.max-query-window} observations.
 */
@RestController
@Tag(name = "Indicators", description = "Native API: moving averages and VWAP")
public class IndicatorsController {

    /** EMA looks back this many windows (at least): enough for the seed's weight to have faded. */
    static final int EMA_LOOKBACK_WINDOWS = 10;

    private final MarketHistory history;
    private final int maxWindow;

    public IndicatorsController(MarketHistory history, TickhubProperties properties) {
        this.history = history;
        this.maxWindow = properties.store().maxQueryWindow();
    }

    /**
     * @param interval the bar interval the indicator ran over, or null for ticks
     * @param value    the indicator's value
     * @param asOf     time of the newest observation in the window (a tick's hub time, a bar's start)
     * @param points   observations used
     */
    public record IndicatorView(String symbol, String indicator, String interval, int window, double value,
                                String asOf, int points) {
    }

    /** Observations as the indicators take them: a price (a bar's close, or typical price for VWAP) and a volume. */
    private record Series(double[] prices, double[] volumes, Instant asOf) {
    }

    @GetMapping("/api/v1/indicators/{indicator}/{symbol}")
    @Operation(operationId = "getIndicator", summary = "SMA, EMA or VWAP over the latest `window` ticks or bars",
            description = "Without `interval`, over ticks (price, volume); with it, over bars: SMA and EMA of the "
                    + "closes, VWAP of the typical price (h+l+c)/3 weighted by bar volume. The current, open bar is "
                    + "the newest observation. EMA uses smoothing 2/(window+1), seeded with the first window's mean, "
                    + "over the last 10×window observations; SMA and VWAP use the last `window` only.")
    @ApiResponse(responseCode = "200", description = "The value")
    @ApiResponse(responseCode = "404", description = "Fewer than `window` observations so far (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "Unknown indicator or interval, invalid symbol or window (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public Mono<IndicatorView> indicator(
            @Parameter(description = "`sma`, `ema` or `vwap`") @PathVariable String indicator,
            @PathVariable String symbol,
            @Parameter(description = "Observations, 1..`tickhub.store.max-query-window` (default 20)",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1"))
            @RequestParam(required = false) String window,
            @Parameter(description = "Bars of `1s`, `1m`, `5m`, `1h` or `1d` instead of ticks")
            @RequestParam(required = false) String interval) {
        String kind = indicator.toLowerCase(Locale.ROOT);
        if (!List.of("sma", "ema", "vwap").contains(kind)) {
            throw ApiException.invalid(InvalidParam.path("indicator", "enum",
                    "Input should be 'sma', 'ema' or 'vwap'", indicator));
        }
        String name = SymbolParams.normalize(symbol, "path", "symbol");
        int n = QueryParams.optionalInt("window", window, 1, maxWindow, 20);
        BarInterval bars = IntervalParams.optional(interval, null);
        int lookback = kind.equals("ema") ? Math.min(maxWindow, Math.max(n, n * EMA_LOOKBACK_WINDOWS)) : n;
        return Blocking.call(() -> {
            Series series = bars == null ? ticks(name, lookback) : bars(name, bars, lookback, kind.equals("vwap"));
            int held = series.prices().length;
            if (held < n) {
                throw ApiException.notFound(n + " observations of " + name + " are needed; the hub has " + held);
            }
            double value = switch (kind) {
                case "sma" -> Indicators.sma(series.prices(), n);
                case "ema" -> Indicators.ema(series.prices(), n);
                default -> Indicators.vwap(series.prices(), series.volumes(), n);
            };
            if (Double.isNaN(value)) {
                throw ApiException.notFound("No volume in the last " + n + " observations of " + name);
            }
            return new IndicatorView(name, kind, bars == null ? null : bars.code(), n, value,
                    Timestamps.iso(series.asOf()), held);
        });
    }

    private Series ticks(String symbol, int count) {
        List<Quote> quotes = history.newestQuotes(symbol, count);
        return new Series(quotes.stream().mapToDouble(Quote::price).toArray(),
                quotes.stream().mapToDouble(Quote::volume).toArray(),
                quotes.isEmpty() ? null : quotes.getLast().hubTime());
    }

    private Series bars(String symbol, BarInterval interval, int count, boolean typicalPrice) {
        List<Bar> bars = history.newestBars(symbol, interval, count);
        return new Series(bars.stream().mapToDouble(b -> typicalPrice ? (b.high() + b.low() + b.close()) / 3 : b.close())
                        .toArray(),
                bars.stream().mapToDouble(Bar::volume).toArray(),
                bars.isEmpty() ? null : bars.getLast().start());
    }
}
