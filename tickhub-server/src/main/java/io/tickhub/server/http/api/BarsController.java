package io.tickhub.server.http.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.quote.Timestamps;
import io.tickhub.core.store.MarketHistory;
import io.tickhub.server.http.error.Blocking;
import io.tickhub.server.http.error.Cursors;
import io.tickhub.server.http.error.QueryParams;
import io.tickhub.server.http.error.SymbolParams;
import io.tickhub.server.http.error.TimeParams;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** OHLCV bars of a symbol at an interval: the stored ones, then the current one from memory. */
@RestController
@Tag(name = "History", description = "Native API: stored ticks and bars")
public class BarsController {

    static final String CURSOR_KIND = "bar";

    private final MarketHistory history;

    public BarsController(MarketHistory history) {
        this.history = history;
    }

    /** The stream's bar fields: {@code t} start, open, high, low, close, volume, {@code n} updates. */
    public record BarView(String t, double o, double h, double l, double c, double v, long n, boolean closed) {

        static BarView of(Bar b) {
            return new BarView(Timestamps.iso(b.start()), b.open(), b.high(), b.low(), b.close(), b.volume(),
                    b.count(), b.closed());
        }
    }

    public record BarPage(String symbol, String interval, List<BarView> bars, String nextCursor) {
    }

    @GetMapping("/api/v1/bars/{symbol}")
    @Operation(operationId = "getBars", summary = "OHLCV bars of a symbol, oldest first",
            description = "Bars starting in `[from, to)`; times as for `/api/v1/history`. The symbol's current bar "
                    + "(`closed:false`) comes last when it is in range, so a chart can continue it from the "
                    + "`bars.<interval>` stream. Paging by `nextCursor` as for history.")
    @ApiResponse(responseCode = "200", description = "One page")
    @ApiResponse(responseCode = "422", description = "Invalid symbol, interval, time, limit or cursor (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The store is unavailable (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public Mono<BarPage> bars(
            @PathVariable String symbol,
            @Parameter(description = "`1s`, `1m` (default), `5m`, `1h` or `1d`") @RequestParam(required = false) String interval,
            @Parameter(description = "Start, inclusive (default: the beginning): ISO-8601 "
                    + "(`2025-01-02T14:30:00Z`); a date or epoch milliseconds also work",
                    schema = @Schema(type = "string", format = "date-time")) @RequestParam(required = false) String from,
            @Parameter(description = "End, exclusive (default: no end): ISO-8601 "
                    + "(`2025-01-02T14:30:00Z`); a date or epoch milliseconds also work",
                    schema = @Schema(type = "string", format = "date-time")) @RequestParam(required = false) String to,
            @Parameter(description = "Bars per page, 1..10000 (default 500)",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "10000")) @RequestParam(required = false) String limit,
            @Parameter(description = "`nextCursor` of the previous page") @RequestParam(required = false) String cursor) {
        String name = SymbolParams.normalize(symbol, "path", "symbol");
        BarInterval resolution = IntervalParams.optional(interval, BarInterval.M1);
        TimeParams.Range range = TimeParams.range(from, to);
        int size = QueryParams.optionalInt("limit", limit, 1, 10_000, 500);
        long afterMicros = Cursors.decode(CURSOR_KIND, cursor, Long.MIN_VALUE);
        Instant after = afterMicros == Long.MIN_VALUE ? null : Instant.EPOCH.plus(afterMicros, ChronoUnit.MICROS);
        return Blocking.call(() -> {
            MarketHistory.Page<Bar> page = history.bars(name, resolution, range.from(), range.to(), after, size);
            return new BarPage(name, resolution.code(), page.items().stream().map(BarView::of).toList(),
                    page.next() == null ? null : Cursors.encode(CURSOR_KIND, Timestamps.micros(page.next().start())));
        });
    }
}
