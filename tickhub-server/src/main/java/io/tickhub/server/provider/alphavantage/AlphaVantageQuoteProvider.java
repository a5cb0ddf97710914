package io.tickhub.server.provider.alphavantage;

import io.tickhub.core.provider.Fetched;
import io.tickhub.core.provider.PollingProvider;
import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.provider.ProviderException.Kind;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.server.provider.http.UpstreamHttp;
import io.tickhub.server.provider.http.UpstreamJson;
import io.tickhub.server.provider.http.UpstreamResponse;
import io.tickhub.server.provider.http.UpstreamUris;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * Thread-safe, blocking: Alpha Vantage's {@code GLOBAL_QUOTE}, one symbol per call.
 *
 * <p>Wire format: {@code GET {baseUrl}/query?function=GLOBAL_QUOTE&symbol=IBM&apikey=KEY} answers
 * <pre>{@code
 * {"Global Quote":{"01. symbol":"IBM","02. open":"185.4900","03. high":"188.3800","04. low":"185.0100",
 *   "05. price":"187.5300","06. volume":"3170811","07. latest trading day":"2024-03-01",
 *   "08. previous close":"185.0300","09. change":"2.5000","10. change percent":"1.3511%"}}
 * }</pre>
 * Every number is a string. Mapped: {@code 05. price} → price, {@code 06. volume} → volume (0 when
 * absent); no bid or ask.
 *
 * <p><b>Provider time is the start of {@code 07. latest trading day} in America/New_York</b>
 * (e.g. 2024-03-01T05:00:00Z): Alpha Vantage gives no time of day. Repeated polls that return the
 * same day, price and volume are therefore the same observation and are dropped as repeats; a new
 * price on the same day keeps the same provider time.
 *
 * <p>Refusals come as HTTP 200 with {@code Note}, {@code Information} or {@code Error Message}
 * instead of data (see {@link AlphaVantageAnswers}): rate limits are {@code RATE_LIMITED}, never a
 * price. An unknown symbol is {@code {"Global Quote":{}}} → {@code UNKNOWN_SYMBOL}. The daily
 * rate-limit text echoes the key, so every quoted text is redacted.
 */
public final class AlphaVantageQuoteProvider implements PollingProvider {

    public static final String NAME = "alpha_vantage";

    /** Alpha Vantage's "latest trading day" is a US exchange date. */
    static final ZoneId EXCHANGE_ZONE = ZoneId.of("America/New_York");

    private final AlphaVantageSettings settings;
    private final UpstreamHttp http;

    public AlphaVantageQuoteProvider(AlphaVantageSettings settings, UpstreamHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fetched fetch(String symbol) throws ProviderException {
        URI uri = UpstreamUris.resolve(settings.baseUrl(), "/query",
                "function", "GLOBAL_QUOTE", "symbol", symbol, "apikey", settings.apiKey());
        UpstreamResponse response = http.get(uri, settings.requestTimeout());
        if (response.notFound()) {
            throw UpstreamJson.badResponse("HTTP 404 from " + response.where() + " (check the base URL)");
        }
        JsonNode root = UpstreamJson.parse(response);
        if (!root.isObject()) {
            throw UpstreamJson.badResponse("not a JSON object from " + response.where());
        }
        ProviderException refusal = AlphaVantageAnswers.refusal(root, symbol, settings.apiKey());
        if (refusal != null) {
            throw refusal;
        }
        JsonNode quote = root.path("Global Quote");
        if (!quote.isObject()) {
            throw UpstreamJson.badResponse("no 'Global Quote' from " + response.where());
        }
        if (quote.isEmpty()) {
            throw new ProviderException(Kind.UNKNOWN_SYMBOL, "Alpha Vantage has no quote for " + symbol);
        }
        double price = number(quote, "05. price", response, true);
        double volume = number(quote, "06. volume", response, false);
        if (!(price > 0)) {
            throw UpstreamJson.badResponse("price " + price + " is not positive from " + response.where());
        }
        RawQuote raw = new RawQuote(symbol, price, null, null, volume, NAME, tradingDayStart(quote, response),
                response.payloadId());
        return new Fetched(raw, response.payload(NAME, symbol, settings.apiKey()));
    }

    /** A string field holding a decimal; an absent optional field is 0. */
    private static double number(JsonNode quote, String field, UpstreamResponse response, boolean required)
            throws ProviderException {
        JsonNode node = quote.path(field);
        if (node.isMissingNode() && !required) {
            return 0;
        }
        try {
            double value = Double.parseDouble(node.asString("").strip());
            if (Double.isFinite(value) && value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw UpstreamJson.badResponse("no number '" + field + "' from " + response.where());
    }

    private static Instant tradingDayStart(JsonNode quote, UpstreamResponse response) throws ProviderException {
        try {
            return LocalDate.parse(quote.path("07. latest trading day").asString("")).atStartOfDay(EXCHANGE_ZONE)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw UpstreamJson.badResponse("no date '07. latest trading day' from " + response.where());
        }
    }
}
