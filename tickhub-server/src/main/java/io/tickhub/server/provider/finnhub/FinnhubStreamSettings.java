package io.tickhub.server.provider.finnhub;

import io.tickhub.core.provider.UpstreamLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Finnhub's trade WebSocket. Immutable. The key is a secret: {@link #toString} and
 * {@link #safeUri} leave it out, and {@link #redact} scrubs it from any text headed for logs or health.
 *
 * @param uri              upstream without the token, e.g. {@code wss://ws.finnhub.io}
 * @param apiKey           Finnhub API key, sent as the {@code token} query parameter; must not be blank
 * @param reconnectInitial first reconnect delay (jittered, doubled per failed attempt)
 * @param reconnectMax     longest reconnect delay
 * @param idleTimeout      a connection with no trade or ping for longer than this is dropped and reconnected;
 *                         also the handshake timeout
 * @param upstream         the cap on streamed symbols, the linger before an unsubscribe and the message rate
 */
public record FinnhubStreamSettings(URI uri, String apiKey, Duration reconnectInitial, Duration reconnectMax,
                                    Duration idleTimeout, UpstreamLimits upstream) {

    /** Finnhub's public trade stream. */
    public static final URI DEFAULT_URI = URI.create("wss://ws.finnhub.io");

    public FinnhubStreamSettings {
        Objects.requireNonNull(uri, "uri");
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Finnhub stream URI must be ws:// or wss://, was " + withoutQuery(uri));
        }
        // The wiring disables the provider when no key is configured; a blank one reaching here is a wiring bug.
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("Finnhub stream needs an API key");
        }
        positive(reconnectInitial, "reconnectInitial");
        positive(reconnectMax, "reconnectMax");
        positive(idleTimeout, "idleTimeout");
        Objects.requireNonNull(upstream, "upstream");
        if (reconnectMax.compareTo(reconnectInitial) < 0) {
            throw new IllegalArgumentException("reconnectMax (" + reconnectMax + ") is below reconnectInitial ("
                    + reconnectInitial + ")");
        }
    }

    /** Without upstream limits: every interest change is sent at once (tests of the plain stream). */
    public FinnhubStreamSettings(URI uri, String apiKey, Duration reconnectInitial, Duration reconnectMax,
                                 Duration idleTimeout) {
        this(uri, apiKey, reconnectInitial, reconnectMax, idleTimeout, UpstreamLimits.UNBOUNDED);
    }

    /** Finnhub's public stream with everyday timings (1 s to 60 s backoff, 90 s idle timeout) and its free plan's 50 symbols. */
    public static FinnhubStreamSettings defaults(String apiKey) {
        return new FinnhubStreamSettings(DEFAULT_URI, apiKey, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(90), UpstreamLimits.FINNHUB_FREE_PLAN);
    }

    /** The URI to connect to, token included: hand it to the WebSocket client and nowhere else. */
    URI connectUri() {
        String token = "token=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8);
        String query = uri.getRawQuery() == null ? token : uri.getRawQuery() + "&" + token;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try {
            return new URI(uri.getScheme() + "://" + uri.getRawAuthority() + path + "?" + query);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Finnhub stream URI " + safeUri() + " cannot take a token", e);
        }
    }

    /** The upstream as logs and health may show it: no query, so no token. */
    public String safeUri() {
        return withoutQuery(uri);
    }

    /** {@code text} with every occurrence of the key (plain or URL-encoded) replaced by {@code ***}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String encoded = URLEncoder.encode(apiKey, StandardCharsets.UTF_8);
        return text.replace(apiKey, "***").replace(encoded, "***");
    }

    @Override
    public String toString() {
        return "FinnhubStreamSettings[uri=" + safeUri() + ", apiKey=***, reconnectInitial=" + reconnectInitial
                + ", reconnectMax=" + reconnectMax + ", idleTimeout=" + idleTimeout + ", upstream=" + upstream + "]";
    }

    private static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
