package io.tickhub.server.provider.finnhub;

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
 * Thread-safe, blocking: Finnhub's REST quote, polled one symbol per call (the WebSocket stream is
 * a separate adapter).
 *
 * <p>Wire format: {@code GET {baseUrl}/quote?symbol=AAPL&token=KEY} answers
 * <pre>{@code
 * {"c":261.74,"d":-0.31,"dp":-0.1183,"h":263.31,"l":260.68,"o":261.07,"pc":262.05,"t":1602705600}
 * }</pre>
 * (current, change, change %, high, low, open, previous close, time in epoch seconds). Mapped:
 * {@code c} → price, {@code t} → provider time; no volume, bid or ask.
 *
 * <p>An unknown symbol is not an error upstream but HTTP 200 with zeros,
 * {@code {"c":0,"d":null,"dp":null,"h":0,"l":0,"o":0,"pc":0,"t":0}} → {@code UNKNOWN_SYMBOL}. A bad
 * key is HTTP 401 {@code {"error":"Invalid API key."}} → {@code UNAUTHORIZED}; a symbol outside the
 * plan is HTTP 403 {@code {"error":"You don't have access to this resource."}} → {@code UNAUTHORIZED};
 * the rate limit (60 calls/minute on the free plan) is HTTP 429
 * {@code {"error":"API limit reached. Please try again later. Remaining Limit: 0"}} → {@code RATE_LIMITED}.
 */
public final class FinnhubQuotes implements PollingProvider {

    public static final String NAME = "finnhub";

    private final FinnhubRestSettings settings;
    private final UpstreamHttp http;

    public FinnhubQuotes(FinnhubRestSettings settings, UpstreamHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fetched fetch(String symbol) throws ProviderException {
        URI uri = UpstreamUris.resolve(settings.baseUrl(), "/quote", "symbol", symbol, "token", settings.apiKey());
        UpstreamResponse response = http.get(uri, settings.requestTimeout());
        if (response.notFound()) {
            throw UpstreamJson.badResponse("HTTP 404 from " + response.where() + " (check the base URL)");
        }
        JsonNode root = UpstreamJson.parse(response);
        if (root.hasNonNull("error")) {
            throw UpstreamJson.badResponse("Finnhub error for " + symbol + ": "
                    + Secrets.excerpt(root.path("error").asString(""), settings.apiKey()));
        }
        JsonNode current = root.path("c");
        JsonNode time = root.path("t");
        if (!current.isNumber() || !time.isNumber()) {
            throw UpstreamJson.badResponse("no numbers 'c' and 't' from " + response.where());
        }
        if (current.doubleValue() == 0 || time.longValue() == 0) {
            throw new ProviderException(Kind.UNKNOWN_SYMBOL, "Finnhub has no quote for " + symbol + " (all zeros)");
        }
        double price = UpstreamJson.price(root, "c", response);
        Instant providerTime = UpstreamJson.epochSeconds(root, "t", response);
        RawQuote quote = RawQuote.lastPrice(symbol, price, NAME, providerTime).withRawId(response.payloadId());
        return new Fetched(quote, response.payload(NAME, symbol, settings.apiKey()));
    }
}
