package io.tickhub.server.provider.alphavantage;

import io.tickhub.server.provider.http.UpstreamSettingsChecks;
import java.net.URI;
import java.time.Duration;

/**
 * Immutable: settings of {@link AlphaVantageQuoteProvider}, validated on construction; its
 * {@link #toString()} masks the key.
 *
 * @param baseUrl        {@value #DEFAULT_BASE_URL} unless testing against a fake
 * @param apiKey         the {@code apikey} query parameter; required (a missing key disables the provider in the wiring)
 * @param requestTimeout how long one request may take in all
 */
public record AlphaVantageSettings(URI baseUrl, String apiKey, Duration requestTimeout) {

    public static final String DEFAULT_BASE_URL = "https://www.alphavantage.co";

    public AlphaVantageSettings {
        UpstreamSettingsChecks.baseUrl(AlphaVantageQuoteProvider.NAME, baseUrl);
        UpstreamSettingsChecks.apiKey(AlphaVantageQuoteProvider.NAME, apiKey);
        UpstreamSettingsChecks.timeout(AlphaVantageQuoteProvider.NAME, requestTimeout);
    }

    /** The real Alpha Vantage endpoint. */
    public static AlphaVantageSettings of(String apiKey, Duration requestTimeout) {
        return new AlphaVantageSettings(URI.create(DEFAULT_BASE_URL), apiKey, requestTimeout);
    }

    @Override
    public String toString() {
        return "AlphaVantageSettings[baseUrl=" + baseUrl + ", apiKey=" + UpstreamSettingsChecks.masked(apiKey)
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
