package io.tickhub.server.http.compat;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.book.Book;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Symbols;
import io.tickhub.server.http.error.ApiException;
import io.tickhub.server.http.error.QueryParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** System E ("real-time price system") REST: tickers and their in-memory history. */
@RestController
@Tag(name = "Compat E: real-time price system", description = "Drop-in routes of system E (simulator tickers, history ring)")
public class PriceSystemController {

    /**
     * System E's own bound on {@code limit} ({@code Query(le=1000)}), whatever its {@code MAX_HISTORY_SIZE}: a client
     * asking for more points than the ring holds gets the points there are, never a 422.
     */
    static final int MAX_HISTORY_LIMIT = 1000;

    private final Book book;
    private final InstrumentRegistry instruments;
    private final PriceSystemTickers tickers;

    public PriceSystemController(Book book, InstrumentRegistry instruments, PriceSystemTickers tickers) {
        this.book = book;
        this.instruments = instruments;
        this.tickers = tickers;
    }

    @GetMapping("/api/v1/tickers")
    @Operation(operationId = "listTickers", summary = "System E's tickers, ordered by id",
            description = "The simulated `ITEM_xx` tickers (`TICKER_COUNT` of them) when the hub simulates any, "
                    + "else every symbol. Prices are rounded to 2 decimals.")
    public List<TickerView> tickers() {
        List<TickerView> out = new ArrayList<>();
        for (String symbol : tickers.isEverySymbol() ? book.symbols() : tickers.ids()) {
            view(symbol).ifPresent(out::add);
        }
        return out;
    }

    @GetMapping("/api/v1/tickers/{id}/history")
    @Operation(operationId = "getTickerHistory", summary = "A ticker's recent prices, oldest first",
            description = "The last `limit` points (all held points when omitted). While the history is below "
                    + "its cap, `history[0].value` equals `initial_price`.")
    @ApiResponse(responseCode = "200", description = "Ticker and history")
    @ApiResponse(responseCode = "404", description = "Unknown ticker",
            content = @Content(schema = @Schema(example = "{\"detail\":\"Ticker ITEM_99 not found\"}")))
    @ApiResponse(responseCode = "422", description = "`limit` is not an integer in 1..1000 (FastAPI error list)")
    public TickerHistory history(
            @PathVariable String id,
            @Parameter(description = "How many of the most recent points: 1..1000, as system E; at most "
                    + "`tickhub.history-size` points are held, and a larger `limit` returns those. All held points "
                    + "when omitted", schema = @Schema(type = "integer", minimum = "1", maximum = "1000"))
            @RequestParam(required = false) String limit) {
        int held = book.historySize();
        int count = Math.min(held, QueryParams.optionalInt("limit", limit, 1, MAX_HISTORY_LIMIT, held));
        String symbol = Symbols.isValid(id) ? Symbols.normalize(id) : id;
        // The ticker's current price is the last point of this very read, so the two always agree.
        List<Quote> quotes = book.history(symbol, count);
        Quote first = book.first(symbol).orElse(null);
        if (quotes.isEmpty() || first == null) {
            throw ApiException.notFound("Ticker " + id + " not found");
        }
        TickerView ticker = TickerView.of(instruments.describe(symbol), first, quotes.getLast());
        return new TickerHistory(ticker, quotes.stream().map(PricePoint::of).toList());
    }

    private Optional<TickerView> view(String symbol) {
        return book.firstAndLatest(symbol)
                .map(ends -> TickerView.of(instruments.describe(symbol), ends.first(), ends.latest()));
    }
}
