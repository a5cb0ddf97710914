package io.tickhub.server.http.compat;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.book.Book;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.Symbols;
import io.tickhub.server.http.error.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** System A ("ticker hub") REST: the latest record of every symbol, keyed by symbol. */
@RestController
@Tag(name = "Compat A: ticker hub", description = "Drop-in routes of system A (snapshot of records keyed by symbol)")
public class TickerHubController {

    private final Book book;
    private final InstrumentRegistry instruments;

    public TickerHubController(Book book, InstrumentRegistry instruments) {
        this.book = book;
        this.instruments = instruments;
    }

    @GetMapping("/tickers")
    @Operation(operationId = "listTickerRecords", summary = "Latest record of every symbol",
            description = "Object keyed by symbol, sorted; `{}` when the hub has no prices yet.")
    public Map<String, TickerRecord> all() {
        Map<String, TickerRecord> out = new LinkedHashMap<>();
        for (String symbol : book.symbols()) {
            find(symbol).ifPresent(record -> out.put(symbol, record));
        }
        return out;
    }

    @GetMapping("/tickers/{symbol}")
    @Operation(operationId = "getTickerRecord", summary = "Latest record of one symbol", description = "Symbols match case-insensitively.")
    @ApiResponse(responseCode = "200", description = "The record")
    @ApiResponse(responseCode = "404", description = "`{\"detail\":\"Ticker not found\"}`",
            content = @Content(schema = @Schema(example = "{\"detail\":\"Ticker not found\"}")))
    public TickerRecord one(@PathVariable String symbol) {
        return (Symbols.isValid(symbol) ? find(Symbols.normalize(symbol)) : Optional.<TickerRecord>empty())
                .orElseThrow(() -> ApiException.notFound("Ticker not found"));
    }

    private Optional<TickerRecord> find(String symbol) {
        return book.firstAndLatest(symbol)
                .map(ends -> TickerRecord.of(instruments.describe(symbol), ends));
    }
}
