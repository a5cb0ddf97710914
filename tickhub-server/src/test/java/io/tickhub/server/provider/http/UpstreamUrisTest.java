package io.tickhub.server.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UpstreamUrisTest {

    @Test
    void theBaseUrlsPathIsKeptAndATrailingSlashIsNotDoubled() {
        assertThat(UpstreamUris.resolve(URI.create("https://finnhub.io/api/v1/"), "/quote", "symbol", "AAPL"))
                .hasToString("https://finnhub.io/api/v1/quote?symbol=AAPL");
    }

    @Test
    void queryValuesArePercentEncoded() {
        assertThat(UpstreamUris.resolve(URI.create("https://x.test"), "/q", "symbol", "BINANCE:BTCUSDT", "k", "a&b=c"))
                .hasToString("https://x.test/q?symbol=BINANCE%3ABTCUSDT&k=a%26b%3Dc");
    }

    @Test
    void aPathSegmentWithCaretOrEqualsSignIsEncoded() {
        assertThat(UpstreamUris.encode("^GSPC")).isEqualTo("%5EGSPC");
        assertThat(UpstreamUris.encode("EURUSD=X")).isEqualTo("EURUSD%3DX");
        assertThat(UpstreamUris.encode("BRK-B")).isEqualTo("BRK-B");
    }

    @Test
    void aDescriptionHasNeitherQueryNorUserInfo() {
        assertThat(UpstreamUris.describe(URI.create("https://user:pw@www.alphavantage.co/query?apikey=SECRET")))
                .isEqualTo("www.alphavantage.co/query");
        assertThat(UpstreamUris.describe(URI.create("http://127.0.0.1:8080/api/v1/quote?token=SECRET")))
                .isEqualTo("127.0.0.1:8080/api/v1/quote");
    }
}
