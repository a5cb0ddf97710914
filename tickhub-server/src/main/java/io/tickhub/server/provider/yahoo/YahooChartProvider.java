package io.tickhub.server.provider.yahoo;

import io.tickhub.core.provider.Fetched;
import io.tickhub.core.provider.PollingProvider;
import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.provider.ProviderException.Kind;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.server.provider.http.Secrets;
import io.tickhub.server.provider.http.UpstreamHttp;
import io.tickhub.server.provider.http.UpstreamJson;
import io.tickhub.server.provider.http.UpstreamResponse;
import io.tickhub.server.provider.http.UpstreamUris;
import java.net.URI;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Thread-safe, blocking: Yahoo Finance's chart API, the endpoint yfinance's {@code fast_info} reads.
 * No key; Yahoo refuses requests carrying Java's default User-Agent (typically with HTTP 429), so
 * {@link UpstreamHttp} sends a browser's.
 *
 * <p>Wire format: {@code GET {baseUrl}/v8/finance/chart/{symbol}?range=1d&interval=1m} answers
 * <pre>{@code
 * {"chart":{"result":[{"meta":{"currency":"USD","symbol":"AAPL","exchangeName":"NMS",
 *   "regularMarketPrice":189.98,"regularMarketTime":1717185600,"regularMarketVolume":75158277,...},
 *   "timestamp":[...],"indicators":{"quote":[{"open":[...],"close":[...],...}]}}],"error":null}}
 * }</pre>
 * mapped as {@code meta.regularMarketPrice} → price, {@code meta.regularMarketTime} (epoch
 * seconds) → provider time, {@code meta.regularMarketVolume} → volume (0 when absent, as for FX);
 * Yahoo's chart has no bid or ask. The minute bars are stored in the raw payload, not read.
 *
 * <p>An unknown symbol is HTTP 404 with
 * {@code {"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}}
 * → {@code UNKNOWN_SYMBOL}. Other {@code chart.error}s, malformed JSON or a missing price are
 * {@code BAD_RESPONSE}. Yahoo publishes no rate limit; it answers bursts with HTTP 429.
 */
public final class YahooChartProvider implements PollingProvider {

    public static final String NAME = "yfinance";

    private final YahooChartSettings settings;
    private final UpstreamHttp http;

    public YahooChartProvider(YahooChartSettings settings, UpstreamHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fetched fetch(String symbol) throws ProviderException {
        URI uri = UpstreamUris.resolve(settings.baseUrl(), "/v8/finance/chart/" + UpstreamUris.encode(symbol),
                "range", "1d", "interval", "1m");
        UpstreamResponse response = http.get(uri, settings.requestTimeout());
        if (response.notFound()) {
            throw new ProviderException(Kind.UNKNOWN_SYMBOL, "Yahoo does not know " + symbol + ": "
                    + errorDescription(response, "HTTP 404"));
        }
        JsonNode chart = UpstreamJson.parse(response).path("chart");
        JsonNode error = chart.path("error");
        if (error.isObject()) {
            Kind kind = "Not Found".equals(error.path("code").asString("")) ? Kind.UNKNOWN_SYMBOL : Kind.BAD_RESPONSE;
            throw new ProviderException(kind, "Yahoo chart error for " + symbol + ": " + errorDescription(response, ""));
        }
        JsonNode meta = chart.path("result").path(0).path("meta");
        if (!meta.isObject()) {
            throw UpstreamJson.badResponse("no chart.result[0].meta from " + response.where());
        }
        double price = UpstreamJson.price(meta, "regularMarketPrice", response);
        Instant providerTime = UpstreamJson.epochSeconds(meta, "regularMarketTime", response);
        JsonNode volumeNode = meta.path("regularMarketVolume");
        double volume = volumeNode.isNumber() && volumeNode.doubleValue() >= 0 ? volumeNode.doubleValue() : 0;
        RawQuote quote = new RawQuote(symbol, price, null, null, volume, NAME, providerTime, response.payloadId());
        return new Fetched(quote, response.payload(NAME, symbol, null));
    }

    /** {@code chart.error.description} when the body has one, else {@code fallback}; never throws. */
    private static String errorDescription(UpstreamResponse response, String fallback) {
        try {
            String description = UpstreamJson.parse(response).path("chart").path("error").path("description")
                    .asString("");
            return description.isBlank() ? fallback : Secrets.excerpt(description, null);
        } catch (ProviderException notJson) {
            return fallback;
        }
    }
}
