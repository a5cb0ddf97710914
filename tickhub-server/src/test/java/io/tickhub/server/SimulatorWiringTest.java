package io.tickhub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.book.Book;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The hub as the README's run command starts it: embedded defaults, simulator on. Its opening
 * prices are published at start-up, so the test waits only for the sequencer thread, not for time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tickhub.simulator.seed=42", "tickhub.simulator.interval=1h"})
@AutoConfigureWebTestClient
class SimulatorWiringTest {

    @Autowired
    WebTestClient http;
    @Autowired
    Book book;

    @Test
    @SuppressWarnings("unchecked") // the body is a JSON array of objects
    void defaultHubSimulatesTenItemTickersAndTheNamedStocksAndSystemEListsItsTenOnly() {
        await().atMost(Duration.ofSeconds(10)).until(() -> book.size() == 15);
        assertThat(book.symbols()).contains("AAPL", "AMZN", "GOOGL", "MSFT", "NVDA", "ITEM_00", "ITEM_09");

        List<Map<String, Object>> tickers = http.get().uri("/api/v1/tickers").exchange()
                .expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().stream()
                .map(m -> (Map<String, Object>) m).toList();

        // E's clients see E's TICKER_COUNT tickers, not the named stocks of system A's list.
        assertThat(tickers).extracting(t -> t.get("id")).containsExactly(
                "ITEM_00", "ITEM_01", "ITEM_02", "ITEM_03", "ITEM_04", "ITEM_05",
                "ITEM_06", "ITEM_07", "ITEM_08", "ITEM_09");
        http.get().uri("/tickers").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.AAPL.meta.symbol").isEqualTo("AAPL");
        assertThat(tickers).filteredOn(t -> "ITEM_03".equals(t.get("id")))
                .extracting(t -> t.get("name")).containsExactly("Item 03");
        assertThat(tickers).allSatisfy(t -> {
            assertThat(((Number) t.get("current_price")).doubleValue()).isGreaterThanOrEqualTo(0.01);
        });
        assertThat(tickers).filteredOn(t -> ((String) t.get("id")).startsWith("ITEM_"))
                .allSatisfy(t -> assertThat(((Number) t.get("initial_price")).doubleValue()).isBetween(50.0, 200.0));
    }

    @Test
    void healthReportsTheSimulatorUpAndItsSchedulerRunning() {
        await().atMost(Duration.ofSeconds(10)).until(() -> book.size() == 15);
        http.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("healthy")
                .jsonPath("$.scheduler_running").isEqualTo(true)
                .jsonPath("$.providers[?(@.name == 'simulator')].state").isEqualTo("up")
                .jsonPath("$.providers[?(@.name == 'simulator')].quotes").isEqualTo(15)
                // Without keys only the keyed providers are off, each saying why; health stays healthy.
                .jsonPath("$.providers[?(@.name == 'alpha_vantage')].state").isEqualTo("disabled")
                .jsonPath("$.providers[?(@.name == 'alpha_vantage')].message")
                .isEqualTo("no API key (set ALPHA_VANTAGE_API_KEY or tickhub.providers.alpha-vantage.api-key)")
                .jsonPath("$.providers[?(@.name == 'finnhub_stream')].state").isEqualTo("disabled");
    }
}
