package io.tickhub.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.book.Book;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.store.Store;
import io.tickhub.core.store.StoreWriter;
import io.tickhub.server.TickhubApplication;
import io.tickhub.server.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A real PostgreSQL goes down under a running hub and comes back: the hub keeps accepting and
 * streaming, health and metrics say the database is failing, reads answer 503 (never 500), and
 * once the database is back every quote accepted meanwhile is written, none twice.
 */
class DatabaseOutageTest {

    @TempDir
    Path dir;

    private EmbeddedPostgresServer postgres;
    private ConfigurableApplicationContext hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
    private void submit(IngestPipeline ingest, Book book, String symbol, int from, int to) {
        for (int i = from; i <= to; i++) {
            ingest.submit(new RawQuote(symbol, 100 + i, null, null, i, "test", Instant.parse("2025-01-02T14:30:00Z")
                    .plusSeconds(i)));
        }
        await().until(() -> book.latest(symbol).map(Quote::seq).orElse(0L) >= to);
    }

    @Test
    void quotesAcceptedWhileTheDatabaseIsDownAreWrittenOnceItIsBack() throws Exception {
        Path data = Files.createDirectory(dir.resolve("pg"));
        int port = FreePorts.next();
        postgres = EmbeddedPostgresServer.start(data, port);
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        hub = SpringApplication.run(TickhubApplication.class, "--server.port=0", "--tickhub.simulator.enabled=false",
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres", "--spring.datasource.hikari.connection-timeout=500",
                "--tickhub.store.retry-initial=20ms", "--tickhub.store.retry-max=200ms");
        IngestPipeline ingest = hub.getBean(IngestPipeline.class);
        Book book = hub.getBean(Book.class);
        Store store = hub.getBean(Store.class);
        StoreWriter writer = hub.getBean(StoreWriter.class);
        WebTestClient http = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + hub.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(15)).build();

        submit(ingest, book, "OUT", 1, 50);
        await().until(() -> store.lastSeq("OUT") == 50);

        postgres.close();
        postgres = null;
        submit(ingest, book, "OUT", 51, 200);
        await().atMost(Duration.ofSeconds(20)).until(() -> !writer.status().up() && writer.status().backlog() > 0);

        http.get().uri("/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("degraded")
                .jsonPath("$.database.status").isEqualTo("error")
                .jsonPath("$.database.backlog").value(b -> assertThat(((Number) b).longValue()).isPositive());
        http.get().uri("/test-db").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("error")
                .jsonPath("$.details").isNotEmpty();
        http.get().uri("/api/v1/history/OUT").exchange().expectStatus().isEqualTo(503)
                .expectHeader().contentType("application/problem+json");
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .value(text -> assertThat(text).contains("tickhub_store_up{application=\"tickhub\"} 0.0"));
        assertThat(book.latest("OUT").orElseThrow().seq()).isEqualTo(200); // the hub kept accepting

        postgres = EmbeddedPostgresServer.start(data, port);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.status().up() && writer.status().backlog() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Says why the writer was still failing (its last error), which a bare timeout hides.
            throw new AssertionError("the store writer did not recover within 30 s: " + writer.status(), e);
        }

        assertThat(store.lastSeq("OUT")).isEqualTo(200);
        assertThat(store.history("OUT", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 0, 1000))
                .extracting(Quote::seq).hasSize(200).doesNotHaveDuplicates().isSorted();
        assertThat(writer.status().overflow()).isZero();
        http.get().uri("/health").exchange().expectBody().jsonPath("$.database.status").isEqualTo("connected");
    }
}
