package io.tickhub.server.http.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.news.NewsItem;
import io.tickhub.core.news.NewsWire;
import io.tickhub.core.quote.Timestamps;
import io.tickhub.server.http.error.QueryParams;
import io.tickhub.server.http.error.SymbolParams;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Native REST: the recent news the hub holds in memory (the store keeps older items, issue #4). */
@RestController
@Tag(name = "News", description = "Native API: recent news items")
public class NewsController {

    private final NewsWire wire;

    public NewsController(NewsWire wire) {
        this.wire = wire;
    }

    /** A news item as JSON; the same fields as the {@code news} stream message's {@code data}. */
    public record NewsView(String id, List<String> symbols, String headline, String summary, String source, String url,
                           String published) {
        static NewsView of(NewsItem item) {
            return new NewsView(item.id(), item.symbols(), item.headline(), item.summary(), item.source(), item.url(),
                    Timestamps.iso(item.published()));
        }
    }

    public record NewsList(List<NewsView> items) {
    }

    @GetMapping("/api/v1/news")
    @Operation(operationId = "listNews", summary = "Recent news, newest first")
    @ApiResponse(responseCode = "200", description = "Items, newest first")
    @ApiResponse(responseCode = "422", description = "Invalid symbol or limit (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public NewsList news(
            @Parameter(description = "Only items about this symbol", example = "AAPL")
            @RequestParam(required = false) String symbol,
            @Parameter(description = "At most this many items (1-500, default 50)",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "500"))
            @RequestParam(required = false) String limit) {
        String about = symbol == null ? null : SymbolParams.normalize(symbol, "query", "symbol");
        int max = QueryParams.optionalInt("limit", limit, 1, 500, 50);
        return new NewsList(wire.recent(about, max).stream().map(NewsView::of).toList());
    }
}
