package io.tickhub.server.provider.finnhub;

import io.tickhub.server.provider.http.UpstreamSettingsChecks;
import java.net.URI;
import java.time.Duration;

/**
 * Immutable: settings of Finnhub's REST adapters, {@link FinnhubQuotes} and {@link FinnhubNews},
 * validated on construction; its {@link #toString()} masks the key.
 *
 * @param baseUrl        {@value #DEFAULT_BASE_URL} unless testing against a fake; its path is kept
 * @param apiKey         the {@code token} query parameter; required (a missing key disables the provider in the wiring)
 * @param requestTimeout how long one request may take in all
 */
public record FinnhubRestSettings(URI baseUrl, String apiKey, Duration requestTimeout) {

    public static final String DEFAULT_BASE_URL = "https://finnhub.io/api/v1";

    public FinnhubRestSettings {
        UpstreamSettingsChecks.baseUrl(FinnhubQuotes.NAME, baseUrl);
        UpstreamSettingsChecks.apiKey(FinnhubQuotes.NAME, apiKey);
        UpstreamSettingsChecks.timeout(FinnhubQuotes.NAME, requestTimeout);
    }

    /** The real Finnhub endpoint. */
    public static FinnhubRestSettings of(String apiKey, Duration requestTimeout) {
        return new FinnhubRestSettings(URI.create(DEFAULT_BASE_URL), apiKey, requestTimeout);
    }

    @Override
    public String toString() {
        return "FinnhubRestSettings[baseUrl=" + baseUrl + ", apiKey=" + UpstreamSettingsChecks.masked(apiKey)
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
