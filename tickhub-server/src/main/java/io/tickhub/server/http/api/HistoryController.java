package io.tickhub.server.http.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Timestamps;
import io.tickhub.core.store.MarketHistory;
import io.tickhub.server.http.error.Blocking;
import io.tickhub.server.http.error.Cursors;
import io.tickhub.server.http.error.QueryParams;
import io.tickhub.server.http.error.SymbolParams;
import io.tickhub.server.http.error.TimeParams;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Every stored price point of a symbol, paged by a stable cursor. */
@RestController
@Tag(name = "History", description = "Native API: stored ticks and bars")
public class HistoryController {

    static final String CURSOR_KIND = "seq";

    private final MarketHistory history;
    private final StreamEpoch epoch;

    public HistoryController(MarketHistory history, StreamEpoch epoch) {
        this.history = history;
        this.epoch = epoch;
    }

    /** A price point as stored: seq and {@code ts} (hub time, epoch µs) as on the stream. */
    public record Tick(long seq, long ts, double price, Double bid, Double ask, double volume, String provider,
                       String providerTime, String hubTime) {

        static Tick of(Quote q) {
            return new Tick(q.seq(), q.hubTimeMicros(), q.price(), q.bid(), q.ask(), q.volume(), q.provider(),
                    Timestamps.iso(q.providerTime()), Timestamps.iso(q.hubTime()));
        }
    }

    /**
     * @param epoch      the stream epoch the seqs belong to, as on the stream: a client that joins
     *                   history to a stream checks that the two match
     * @param nextCursor pass as {@code cursor} for the next page; null when there is none now
     */
    public record TickPage(String symbol, String epoch, List<Tick> items, String nextCursor) {
    }

    @GetMapping("/api/v1/history/{symbol}")
    @Operation(operationId = "getHistory", summary = "Stored price points of a symbol, oldest first",
            description = "Hub time in `[from, to)`. Times are ISO-8601 (`2025-01-02T14:30:00Z`, an offset, or a "
                    + "date) or epoch milliseconds. A full page has a `nextCursor`; the next page starts strictly "
                    + "after the last point of this one, so points arriving meanwhile never shift a page. An "
                    + "unknown symbol has no points (200, empty `items`). `epoch` is the stream epoch the seqs "
                    + "belong to, as in the stream's `connection` message.")
    @ApiResponse(responseCode = "200", description = "One page")
    @ApiResponse(responseCode = "422", description = "Invalid symbol, time, limit or cursor (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The store is unavailable (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public Mono<TickPage> history(
            @PathVariable String symbol,
            @Parameter(description = "Start, inclusive (default: the beginning): ISO-8601 "
                    + "(`2025-01-02T14:30:00Z`); a date or epoch milliseconds also work",
                    schema = @Schema(type = "string", format = "date-time")) @RequestParam(required = false) String from,
            @Parameter(description = "End, exclusive (default: no end): ISO-8601 "
                    + "(`2025-01-02T14:30:00Z`); a date or epoch milliseconds also work",
                    schema = @Schema(type = "string", format = "date-time")) @RequestParam(required = false) String to,
            @Parameter(description = "Points per page, 1..10000 (default 1000)",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "10000")) @RequestParam(required = false) String limit,
            @Parameter(description = "`nextCursor` of the previous page") @RequestParam(required = false) String cursor) {
        String name = SymbolParams.normalize(symbol, "path", "symbol");
        TimeParams.Range range = TimeParams.range(from, to);
        int size = QueryParams.optionalInt("limit", limit, 1, 10_000, 1000);
        long after = Cursors.decode(CURSOR_KIND, cursor, 0);
        return Blocking.call(() -> {
            MarketHistory.Page<Quote> page = history.quotes(name, range.from(), range.to(), after, size);
            return new TickPage(name, epoch.id(), page.items().stream().map(Tick::of).toList(),
                    page.next() == null ? null : Cursors.encode(CURSOR_KIND, page.next().seq()));
        });
    }
}
