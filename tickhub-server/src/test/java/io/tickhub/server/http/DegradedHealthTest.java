package io.tickhub.server.http;

import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.server.TestHubConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A failing provider makes {@code /health} say so instead of claiming all is well. Own hub: it breaks a provider. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tickhub.simulator.enabled=false")
@AutoConfigureWebTestClient
@Import(TestHubConfig.class)
@DirtiesContext
class DegradedHealthTest {

    @Autowired
    WebTestClient http;
    @Autowired
    ProviderStatusBoard providers;

    @Test
    void failingProviderMakesHealthDegradedWithItsError() {
        providers.succeeded("finnhub_stream", 3);
        http.get().uri("/health").exchange().expectBody()
                .jsonPath("$.status").isEqualTo("healthy")
                .jsonPath("$.finnhub_connection").isEqualTo("connected");
        http.get().uri("/").exchange().expectBody().jsonPath("$.finnhub_connected").isEqualTo(true);

        providers.failed("finnhub_stream", "connection refused");

        http.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("degraded")
                .jsonPath("$.finnhub_connection").isEqualTo("disconnected")
                .jsonPath("$.providers[?(@.name=='finnhub_stream')].state").isEqualTo("down")
                .jsonPath("$.providers[?(@.name=='finnhub_stream')].message").isEqualTo("connection refused")
                .jsonPath("$.providers[?(@.name=='finnhub_stream')].quotes").isEqualTo(3);
    }

    @Test
    void disabledProviderDoesNotDegradeHealth() {
        providers.disabled("alpha_vantage", "no API key (ALPHA_VANTAGE_API_KEY)");
        http.get().uri("/health").exchange().expectBody()
                .jsonPath("$.providers[?(@.name=='alpha_vantage')].state").isEqualTo("disabled");
    }

    @Test
    void providerStillStartingMakesHealthDegradedUntilItDelivers() {
        providers.succeeded("finnhub_stream", 1);
        providers.starting("replay");

        http.get().uri("/health").exchange().expectBody()
                .jsonPath("$.status").isEqualTo("degraded")
                .jsonPath("$.providers[?(@.name=='replay')].state").isEqualTo("starting");

        providers.succeeded("replay", 1);
        http.get().uri("/health").exchange().expectBody().jsonPath("$.status").isEqualTo("healthy");
    }

    @Test
    void pollingProviderNoJobNamesIsIdleAndDoesNotDegradeHealth() {
        providers.succeeded("finnhub_stream", 1);
        providers.succeeded("replay", 1);
        providers.idle("yfinance");

        http.get().uri("/health").exchange().expectBody()
                .jsonPath("$.status").isEqualTo("healthy")
                .jsonPath("$.providers[?(@.name=='yfinance')].state").isEqualTo("idle");
    }
}
