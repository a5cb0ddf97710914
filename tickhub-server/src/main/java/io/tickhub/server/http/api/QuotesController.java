package io.tickhub.server.http.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.book.Book;
import io.tickhub.core.failover.SymbolFreshness;
import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.core.quote.Instrument;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.InvalidSymbolException;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Symbols;
import io.tickhub.core.quote.Timestamps;
import io.tickhub.server.http.error.ApiException;
import io.tickhub.server.http.error.SymbolParams;
import io.tickhub.server.http.error.InvalidParam;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Native REST: the latest quotes and the symbols the hub knows. */
@RestController
@Tag(name = "Quotes", description = "Native API: latest quotes from the in-memory book")
public class QuotesController {

    /** More symbols than this in one query string is a client bug, not a real use. */
    static final int MAX_SYMBOLS_PER_QUERY = 1000;

    private final Book book;
    private final InstrumentRegistry instruments;
    private final SymbolFreshness freshness;
    private final StreamEpoch epoch;

    public QuotesController(Book book, InstrumentRegistry instruments, SymbolFreshness freshness, StreamEpoch epoch) {
        this.book = book;
        this.instruments = instruments;
        this.freshness = freshness;
        this.epoch = epoch;
    }

    @GetMapping("/api/v1/quotes")
    @Operation(operationId = "listQuotes", summary = "Latest quote of every symbol, or of the ones asked for")
    @ApiResponse(responseCode = "200", description = "Quotes; symbols without a quote are listed in `missing`")
    @ApiResponse(responseCode = "422", description = "A symbol in `symbols` is not a valid symbol (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public QuoteList quotes(
            @Parameter(description = "Comma-separated symbols, case-insensitive (default: all)", example = "AAPL,MSFT")
            @RequestParam(required = false) String symbols) {
        List<String> wanted = symbols == null ? new ArrayList<>(book.symbols()) : SymbolParams.list("symbols", symbols, MAX_SYMBOLS_PER_QUERY);
        List<QuoteView> quotes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String symbol : wanted) {
            find(symbol).ifPresentOrElse(quotes::add, () -> missing.add(symbol));
        }
        return new QuoteList(quotes, missing, epoch.id());
    }

    @GetMapping("/api/v1/quotes/{symbol}")
    @Operation(operationId = "getQuote", summary = "Latest quote of one symbol")
    @ApiResponse(responseCode = "200", description = "The quote")
    @ApiResponse(responseCode = "404", description = "No quote for this symbol (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "Not a valid symbol (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public QuoteView quote(@PathVariable String symbol) {
        String normalized = SymbolParams.normalize(symbol, "path", "symbol");
        return find(normalized).orElseThrow(() -> ApiException.notFound("No quote for " + normalized));
    }

    @GetMapping("/api/v1/symbols")
    @Operation(operationId = "listSymbols", summary = "Every symbol the hub knows", description = "Described by a provider, quoted, or both; sorted.")
    public SymbolList symbols() {
        TreeSet<String> all = new TreeSet<>(book.symbols());
        instruments.all().forEach(i -> all.add(i.symbol()));
        List<SymbolView> out = new ArrayList<>(all.size());
        for (String symbol : all) {
            Instrument instrument = instruments.describe(symbol);
            Optional<Quote> latest = book.latest(symbol);
            out.add(new SymbolView(symbol, instrument.name(), instrument.currency(), instrument.exchange(),
                    latest.map(Quote::seq).orElse(0L), latest.map(Quote::price).orElse(null),
                    latest.map(q -> Timestamps.iso(q.hubTime())).orElse(null)));
        }
        return new SymbolList(out);
    }

    private Optional<QuoteView> find(String symbol) {
        boolean stale = freshness.stale(symbol);
        return book.firstAndLatest(symbol).map(ends -> QuoteView.of(ends, stale));
    }
}
