package io.tickhub.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.book.Book;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.jobs.PollingJob;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.store.Store;
import io.tickhub.server.TickhubApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The embedded default across a restart: an H2 file keeps the history, bars and jobs; the book,
 * the seqs and the REST routes carry on where the first run stopped.
 */
class EmbeddedRestartTest {

    @TempDir
    Path dir;

    private static final Instant MINUTE = Instant.parse("2025-01-02T14:30:00Z");

    private ConfigurableApplicationContext start() {
        // The stored job's provider answers nothing here (port 9, discard): the job resumes and its polls fail.
        return SpringApplication.run(TickhubApplication.class, "--server.port=0", "--tickhub.simulator.enabled=false",
                "--tickhub.providers.yahoo.base-url=http://127.0.0.1:9",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("tickhub") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--tickhub.journal.dir=" + dir.resolve("journal"));
    }

    private static WebTestClient http(ConfigurableApplicationContext hub) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + hub.getEnvironment().getProperty("local.server.port")).build();
    }

    private static void submit(ConfigurableApplicationContext hub, int from, int to) {
        IngestPipeline ingest = hub.getBean(IngestPipeline.class);
        for (int i = from; i <= to; i++) {
            // Three quotes a minute: several closed 1m bars and one still open at shutdown.
            ingest.submit(new RawQuote("KEEP", 100 + i, 99.5 + i, 100.5 + i, 10, "test", MINUTE.plusSeconds(20L * i)));
        }
        Book book = hub.getBean(Book.class);
        await().until(() -> book.latest("KEEP").map(Quote::seq).orElse(0L) >= to);
    }

    @Test
    void aRestartKeepsHistoryBarsAndJobsAndSeqsContinue() {
        PollingJob job = new PollingJob("poll_0badcafe", List.of("KEEP", "MSFT"), Duration.ofSeconds(30), "yfinance",
                MINUTE);
        try (ConfigurableApplicationContext first = start()) {
            submit(first, 1, 10);
            first.getBean(Store.class).saveJob(job);
            http(first).get().uri("/api/v1/bars/KEEP?interval=1m").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.bars.length()").isEqualTo(4);
        }

        try (ConfigurableApplicationContext second = start()) {
            Book book = second.getBean(Book.class);
            Store store = second.getBean(Store.class);
            assertThat(book.latest("KEEP")).hasValueSatisfying(q -> {
                assertThat(q.seq()).isEqualTo(10);
                assertThat(q.price()).isEqualTo(110);
            });
            assertThat(store.jobs()).containsExactly(job);

            // Every 1m bar of the first run, the last one included (stored on shutdown), is served.
            List<Bar> bars = store.newestBars("KEEP", BarInterval.M1, 100);
            assertThat(bars).extracting(Bar::start).containsExactly(MINUTE, MINUTE.plusSeconds(60),
                    MINUTE.plusSeconds(120), MINUTE.plusSeconds(180));
            assertThat(bars.getFirst()).satisfies(b -> {
                assertThat(b.open()).isEqualTo(101);
                assertThat(b.close()).isEqualTo(102);
                assertThat(b.count()).isEqualTo(2);
            });
            assertThat(bars.getLast().close()).isEqualTo(110);
            http(second).get().uri("/api/v1/bars/KEEP?interval=1m").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.bars.length()").isEqualTo(4);

            submit(second, 11, 12);
            assertThat(book.latest("KEEP").orElseThrow().seq()).isEqualTo(12);
            await().until(() -> store.lastSeq("KEEP") == 12);
            http(second).get().uri("/api/v1/history/KEEP?limit=100").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.items.length()").isEqualTo(12)
                    .jsonPath("$.items[11].seq").isEqualTo(12);
            http(second).get().uri("/tickers").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.KEEP.price").isEqualTo(112.0);
        }
    }
}
