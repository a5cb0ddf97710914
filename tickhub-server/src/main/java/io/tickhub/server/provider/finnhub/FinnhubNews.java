package io.tickhub.server.provider.finnhub;

import io.tickhub.core.news.NewsItem;
import io.tickhub.core.provider.NewsSource;
import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.quote.Symbols;
import io.tickhub.server.provider.http.Secrets;
import io.tickhub.server.provider.http.UpstreamHttp;
import io.tickhub.server.provider.http.UpstreamJson;
import io.tickhub.server.provider.http.UpstreamResponse;
import io.tickhub.server.provider.http.UpstreamUris;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Thread-safe, blocking: Finnhub's company news for one symbol over a range of days.
 *
 * <p>Wire format: {@code GET {baseUrl}/company-news?symbol=AAPL&from=2024-03-01&to=2024-03-02&token=KEY}
 * answers a JSON array, newest first, of
 * <pre>{@code
 * {"category":"company","datetime":1709321400,"headline":"Apple shares ...","id":126170851,
 *  "image":"https://...","related":"AAPL","source":"Yahoo","summary":"...","url":"https://finnhub.io/api/news?id=..."}
 * }</pre>
 * mapped to a {@link NewsItem} with id {@code finnhub-<id>}, published = {@code datetime} (epoch
 * seconds), symbols = the requested one plus those in {@code related} (a comma list; invalid ones
 * are dropped), blank summary or url as null; {@code image} and {@code category} are not kept.
 * An unknown symbol is an empty array.
 *
 * <p>An item with a blank headline, or without an id or time, is skipped and counted in
 * {@link #skippedItems()}; the rest of the batch is kept. HTTP errors map as for {@link FinnhubQuotes}.
 */
public final class FinnhubNews implements NewsSource {

    private final FinnhubRestSettings settings;
    private final UpstreamHttp http;
    private final AtomicLong skipped = new AtomicLong();

    public FinnhubNews(FinnhubRestSettings settings, UpstreamHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String name() {
        return FinnhubQuotes.NAME;
    }

    /** Items dropped since start because of a blank headline or a missing id or time. */
    public long skippedItems() {
        return skipped.get();
    }

    @Override
    public List<NewsItem> news(String symbol, LocalDate from, LocalDate to) throws ProviderException {
        URI uri = UpstreamUris.resolve(settings.baseUrl(), "/company-news", "symbol", symbol,
                "from", from.toString(), "to", to.toString(), "token", settings.apiKey());
        UpstreamResponse response = http.get(uri, settings.requestTimeout());
        if (response.notFound()) {
            throw UpstreamJson.badResponse("HTTP 404 from " + response.where() + " (check the base URL)");
        }
        JsonNode root = UpstreamJson.parse(response);
        if (!root.isArray()) {
            String error = root.path("error").asString("");
            throw UpstreamJson.badResponse("not a JSON array from " + response.where()
                    + (error.isBlank() ? "" : ": " + Secrets.excerpt(error, settings.apiKey())));
        }
        List<NewsItem> items = new ArrayList<>(root.size());
        for (JsonNode node : root) {
            NewsItem item = item(node, symbol);
            if (item == null) {
                skipped.incrementAndGet();
            } else {
                items.add(item);
            }
        }
        return items;
    }

    /** The item, or null when it cannot be one (no headline, id or time). */
    private static NewsItem item(JsonNode node, String symbol) {
        String headline = text(node, "headline");
        JsonNode id = node.path("id");
        JsonNode datetime = node.path("datetime");
        if (headline == null || !id.isIntegralNumber() || !datetime.isIntegralNumber() || datetime.longValue() <= 0) {
            return null;
        }
        return new NewsItem("finnhub-" + id.asString(), symbols(symbol, text(node, "related")), headline,
                text(node, "summary"), text(node, "source"), text(node, "url"),
                Instant.ofEpochSecond(datetime.longValue()));
    }

    /** The requested symbol first, then each valid one in {@code related}, normalised, without repeats. */
    private static List<String> symbols(String requested, String related) {
        Set<String> symbols = new LinkedHashSet<>();
        symbols.add(requested);
        if (related != null) {
            for (String part : related.split(",")) {
                if (Symbols.isValid(part)) {
                    symbols.add(Symbols.normalize(part));
                }
            }
        }
        return List.copyOf(symbols);
    }

    /** A string field, stripped; null when absent, not a string, or blank. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.stringValue().isBlank()) {
            return null;
        }
        return value.stringValue().strip();
    }
}
