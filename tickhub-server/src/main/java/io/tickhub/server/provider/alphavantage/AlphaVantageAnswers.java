package io.tickhub.server.provider.alphavantage;

import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.provider.ProviderException.Kind;
import io.tickhub.server.provider.http.Secrets;
import java.time.Duration;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Stateless, thread-safe: recognises Alpha Vantage's refusals, which arrive as HTTP 200 with a
 * one-field JSON object instead of data.
 *
 * <table>
 *   <caption>Refusal bodies, as Alpha Vantage sends them</caption>
 *   <tr><th>Body</th><th>Meaning</th><th>Kind</th></tr>
 *   <tr><td>{@code {"Note":"... standard API call frequency is 5 calls per minute ..."}}</td>
 *       <td>per-minute limit (older wording)</td><td>RATE_LIMITED, wait 1 minute</td></tr>
 *   <tr><td>{@code {"Information":"We have detected your API key as KEY and our standard API rate limit
 *       is 25 requests per day ..."}}</td><td>daily limit (echoes the key!)</td><td>RATE_LIMITED</td></tr>
 *   <tr><td>{@code {"Information":"... spreading out your free API requests more sparingly (1 request per
 *       second) ..."}}</td><td>burst limit</td><td>RATE_LIMITED, wait 1 minute</td></tr>
 *   <tr><td>{@code {"Information":"the parameter apikey is invalid or missing ..."}}, the demo key's
 *       notice, a premium-endpoint notice</td><td>key refused</td><td>UNAUTHORIZED</td></tr>
 *   <tr><td>{@code {"Error Message":"Invalid API call. ..."}}</td><td>unknown symbol or
 *       function</td><td>UNKNOWN_SYMBOL (UNAUTHORIZED if it is about the apikey)</td></tr>
 * </table>
 */
final class AlphaVantageAnswers {

    /** The per-minute and per-second limits clear within a minute; the daily one is left to the retry policy. */
    static final Duration SHORT_LIMIT_WAIT = Duration.ofMinutes(1);

    private AlphaVantageAnswers() {
    }

    /** The refusal in {@code root}, or {@code null} when it is not one. Messages are redacted of {@code apiKey}. */
    static ProviderException refusal(JsonNode root, String symbol, String apiKey) {
        if (root.hasNonNull("Note")) {
            String text = root.path("Note").asString("");
            return new ProviderException(Kind.RATE_LIMITED, "Alpha Vantage rate limit: " + Secrets.excerpt(text, apiKey),
                    SHORT_LIMIT_WAIT, null);
        }
        if (root.hasNonNull("Information")) {
            return information(root.path("Information").asString(""), apiKey);
        }
        if (root.hasNonNull("Error Message")) {
            String text = root.path("Error Message").asString("");
            Kind kind = aboutTheKey(lower(text)) ? Kind.UNAUTHORIZED : Kind.UNKNOWN_SYMBOL;
            return new ProviderException(kind, "Alpha Vantage refused " + symbol + ": " + Secrets.excerpt(text, apiKey));
        }
        return null;
    }

    private static ProviderException information(String text, String apiKey) {
        String lower = lower(text);
        String excerpt = Secrets.excerpt(text, apiKey);
        // Rate limits first: the daily-limit text also mentions the API key and premium plans.
        if (lower.contains("rate limit") || lower.contains("call frequency") || lower.contains("sparingly")) {
            // The burst notice also quotes the daily limit, so a short limit is recognised first.
            boolean shortLimit = lower.contains("sparingly") || lower.contains("per second")
                    || lower.contains("per minute");
            Duration wait = shortLimit || !lower.contains("per day") ? SHORT_LIMIT_WAIT : null;
            return new ProviderException(Kind.RATE_LIMITED, "Alpha Vantage rate limit: " + excerpt, wait, null);
        }
        if (aboutTheKey(lower) || lower.contains("premium")) {
            return new ProviderException(Kind.UNAUTHORIZED, "Alpha Vantage refused the key: " + excerpt);
        }
        return new ProviderException(Kind.BAD_RESPONSE, "Alpha Vantage information instead of a quote: " + excerpt);
    }

    private static boolean aboutTheKey(String lower) {
        return lower.contains("apikey") || lower.contains("api key");
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
