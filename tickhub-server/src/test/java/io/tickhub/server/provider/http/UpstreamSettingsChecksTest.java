package io.tickhub.server.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickhub.server.provider.alphavantage.AlphaVantageSettings;
import io.tickhub.server.provider.finnhub.FinnhubRestSettings;
import io.tickhub.server.provider.yahoo.YahooChartSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The HTTP providers' settings records refuse bad values at start-up with messages that name the provider. */
class UpstreamSettingsChecksTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void defaultsPointAtTheRealUpstreams() {
        assertThat(YahooChartSettings.of(TIMEOUT).baseUrl()).hasToString("https://query1.finance.yahoo.com");
        assertThat(AlphaVantageSettings.of("k", TIMEOUT).baseUrl()).hasToString("https://www.alphavantage.co");
        assertThat(FinnhubRestSettings.of("k", TIMEOUT).baseUrl()).hasToString("https://finnhub.io/api/v1");
    }

    @Test
    void aMissingKeyIsRefusedNamingTheProvider() {
        assertThatThrownBy(() -> AlphaVantageSettings.of(" ", TIMEOUT))
                .hasMessage("alpha_vantage: API key is required");
        assertThatThrownBy(() -> FinnhubRestSettings.of(null, TIMEOUT)).hasMessage("finnhub: API key is required");
    }

    @Test
    void aKeyWithSurroundingWhitespaceIsRefusedWithoutPrintingIt() {
        assertThatThrownBy(() -> FinnhubRestSettings.of("SECRET123\n", TIMEOUT))
                .hasMessageContaining("whitespace").hasMessageNotContaining("SECRET123");
    }

    @Test
    void aBaseUrlMustBeAbsoluteHttpWithoutQuery() {
        assertThatThrownBy(() -> new YahooChartSettings(URI.create("query1.finance.yahoo.com"), TIMEOUT))
                .hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> new FinnhubRestSettings(URI.create("https://finnhub.io/api/v1?token=SECRET"), "k", TIMEOUT))
                .hasMessageContaining("must not have a query").hasMessageNotContaining("SECRET");
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> YahooChartSettings.of(Duration.ZERO)).hasMessageContaining("timeout must be positive");
    }

    @Test
    void settingsPrintTheirKeyMasked() {
        assertThat(AlphaVantageSettings.of("SECRET123", TIMEOUT).toString()).doesNotContain("SECRET123").contains("***");
        assertThat(FinnhubRestSettings.of("SECRET123", TIMEOUT).toString()).doesNotContain("SECRET123").contains("***");
    }
}
