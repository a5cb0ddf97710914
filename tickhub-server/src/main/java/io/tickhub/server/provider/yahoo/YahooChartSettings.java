package io.tickhub.server.provider.yahoo;

import io.tickhub.server.provider.http.UpstreamSettingsChecks;
import java.net.URI;
import java.time.Duration;

/**
 * Immutable: settings of {@link YahooChartProvider}, validated on construction.
 *
 * @param baseUrl        {@value #DEFAULT_BASE_URL} unless testing against a fake
 * @param requestTimeout how long one chart request may take in all
 */
public record YahooChartSettings(URI baseUrl, Duration requestTimeout) {

    public static final String DEFAULT_BASE_URL = "https://query1.finance.yahoo.com";

    public YahooChartSettings {
        UpstreamSettingsChecks.baseUrl(YahooChartProvider.NAME, baseUrl);
        UpstreamSettingsChecks.timeout(YahooChartProvider.NAME, requestTimeout);
    }

    /** The real Yahoo endpoint with {@code requestTimeout}. */
    public static YahooChartSettings of(Duration requestTimeout) {
        return new YahooChartSettings(URI.create(DEFAULT_BASE_URL), requestTimeout);
    }
}
