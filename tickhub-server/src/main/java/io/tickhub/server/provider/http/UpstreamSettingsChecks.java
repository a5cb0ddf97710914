package io.tickhub.server.provider.http;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Stateless, thread-safe: start-up checks shared by the HTTP providers' settings records, with
 * messages that name the provider and never print a key.
 */
public final class UpstreamSettingsChecks {

    private UpstreamSettingsChecks() {
    }

    /** An absolute http(s) URL with a host and no query or fragment (the adapter appends its own). */
    public static URI baseUrl(String provider, URI baseUrl) {
        if (baseUrl == null) {
            throw new IllegalArgumentException(provider + ": base URL is required");
        }
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(provider + ": base URL must be an absolute http(s) URL, was " + baseUrl);
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException(provider + ": base URL must not have a query or fragment, was "
                    + UpstreamUris.describe(baseUrl));
        }
        return baseUrl;
    }

    /** A positive request timeout. */
    public static Duration timeout(String provider, Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(provider + ": request timeout must be positive, was " + timeout);
        }
        return timeout;
    }

    /** A non-blank key; the wiring disables the provider instead of building it without one. */
    public static String apiKey(String provider, String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException(provider + ": API key is required");
        }
        if (!apiKey.equals(apiKey.strip())) {
            // A pasted key with a trailing newline would be refused upstream as "invalid": say so here.
            throw new IllegalArgumentException(provider + ": API key has leading or trailing whitespace");
        }
        return apiKey;
    }

    /** How settings records print a key: never the key itself. */
    public static String masked(String apiKey) {
        return apiKey == null ? "null" : Secrets.MASK;
    }
}
