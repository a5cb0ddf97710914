package io.tickhub.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Swagger UI, the OpenAPI description, Actuator health and Prometheus metrics. */
@HubTest
class OpsRoutesTest {

    @Autowired
    WebTestClient http;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    IngestPipeline ingest;

    @Test
    void openApiDescribesEveryRoute() {
        Map<?, ?> spec = http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> paths = (Map<String, Object>) spec.get("paths");
        assertThat(paths.keySet()).contains("/", "/health", "/tickers", "/tickers/{symbol}", "/api/v1/tickers",
                "/api/v1/tickers/{id}/history", "/api/v1/quotes", "/api/v1/quotes/{symbol}", "/api/v1/symbols",
                "/prices/ma", "/ma/{symbol}", "/api/v1/indicators/{indicator}/{symbol}", "/api/v1/news",
                "/api/v1/stream", "/prices/latest", "/test-db", "/prices/test-db", "/api/v1/history/{symbol}",
                "/api/v1/bars/{symbol}", "/prices/poll", "/poll/{symbol}", "/api/v1/jobs", "/api/v1/jobs/{id}",
                "/api/v1/providers", "/api/v1/feeds");
        paths.values().forEach(p -> ((Map<?, ?>) p).values().forEach(op ->
                assertThat(((Map<?, ?>) op).get("summary")).as("every operation has a summary").isNotNull()));
    }

    @Test
    void swaggerUiIsServedAtDocs() {
        String location = http.get().uri("/docs").exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        http.get().uri(location).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("swagger-ui"));
    }

    @Test
    void actuatorHealthIsUp() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusCountsAcceptedQuotesPerProviderAndBookSize() {
        feed.submit(new RawQuote("PROM1", 5, null, null, 0, "promtest", feed.clock().instant()));
        feed.submit(new RawQuote("PROM1", 6, null, null, 0, "promtest", feed.clock().instant()));
        String metrics = http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics)
                .contains("tickhub_quotes_accepted_total{application=\"tickhub\",provider=\"promtest\"} 2.0")
                .containsPattern("tickhub_book_symbols\\{application=\"tickhub\"} [1-9]")
                .contains("tickhub_ingest_backlog")
                // every accepted quote was journaled before it was published
                .containsPattern("tickhub_journal_ticks\\{application=\"tickhub\"} [1-9]")
                .containsPattern("tickhub_journal_epoch_continued\\{application=\"tickhub\"} [01]");
    }

    @Test
    void prometheusCountsQuotesTooLateForTheirSymbolsBars() {
        var now = feed.clock().instant();
        feed.submit(new RawQuote("PROM_LATE", 5, null, null, 0, "promtest", now));
        feed.submit(new RawQuote("PROM_LATE", 6, null, null, 0, "promtest", now.minusSeconds(3 * 86_400)));
        String metrics = http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).containsPattern("tickhub_bars_late_total\\{application=\"tickhub\"} [1-9]")
                .contains("tickhub_stream_bar_subscriptions").contains("tickhub_stream_news_subscriptions");
    }

    @Test
    void prometheusCountsRejectedQuotesByReason() {
        var now = feed.clock().instant();
        ingest.submit(new RawQuote("PROM2", -1, null, null, 0, "promreject", now));
        ingest.submit(new RawQuote("bad symbol", 1, null, null, 0, "promreject", now));
        // Ingest is one FIFO thread: once this good quote is in the book, the two bad ones were handled.
        feed.submit(new RawQuote("PROM2", 2, null, null, 0, "promreject", now));
        String metrics = http.get().uri("/actuator/prometheus").exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics)
                .contains("tickhub_quotes_rejected_total{application=\"tickhub\",provider=\"promreject\",reason=\"invalid_price\"} 1.0")
                .contains("tickhub_quotes_rejected_total{application=\"tickhub\",provider=\"promreject\",reason=\"invalid_symbol\"} 1.0")
                .contains("tickhub_quotes_accepted_total{application=\"tickhub\",provider=\"promreject\"} 1.0");
    }
}
