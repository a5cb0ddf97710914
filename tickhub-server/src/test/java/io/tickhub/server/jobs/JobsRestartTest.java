package io.tickhub.server.jobs;

import static io.tickhub.server.jobs.Upstreams.yahooChart;
import static io.tickhub.server.jobs.Upstreams.yahooPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.book.Book;
import io.tickhub.server.TickhubApplication;
import io.tickhub.server.provider.fake.FakeUpstream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A job created through the API is polled again after the hub restarts on the same H2 file. */
class JobsRestartTest {

    @TempDir
    Path dir;

    @Test
    void jobsResumeAfterARestart() {
        try (FakeUpstream upstream = Upstreams.start()) {
            long now = Instant.now().getEpochSecond();
            upstream.on(yahooPath("RSTA"), yahooChart("RSTA", 10.0, now));
            String id;
            try (ConfigurableApplicationContext first = start(upstream)) {
                id = http(first).post().uri("/prices/poll").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"symbols\":[\"RSTA\"],\"interval\":1,\"provider\":\"yfinance\"}")
                        .exchange().expectStatus().isEqualTo(HttpStatus.ACCEPTED)
                        .expectBody(java.util.Map.class).returnResult().getResponseBody().get("job_id").toString();
                Book book = first.getBean(Book.class);
                await().until(() -> book.latest("RSTA").isPresent());
            }
            int pollsBefore = upstream.requests().size();
            upstream.on(yahooPath("RSTA"), yahooChart("RSTA", 11.0, now + 60));

            try (ConfigurableApplicationContext second = start(upstream)) {
                Book book = second.getBean(Book.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> book.latest("RSTA")
                        .filter(q -> q.price() == 11.0).isPresent());
                assertThat(upstream.requests().size()).isGreaterThan(pollsBefore);
                assertThat(book.latest("RSTA").orElseThrow().seq()).isEqualTo(2); // numbering continued
                http(second).get().uri("/api/v1/jobs/" + id).exchange().expectStatus().isOk().expectBody()
                        .jsonPath("$.state").isEqualTo("polling")
                        .jsonPath("$.symbols[0]").isEqualTo("RSTA");
            }
        }
    }

    private ConfigurableApplicationContext start(FakeUpstream upstream) {
        return SpringApplication.run(TickhubApplication.class, "--server.port=0", "--tickhub.simulator.enabled=false",
                "--tickhub.providers.yahoo.base-url=" + upstream.baseUrl(),
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("tickhub") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--tickhub.journal.dir=" + dir.resolve("journal"));
    }

    private static WebTestClient http(ConfigurableApplicationContext hub) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + hub.getEnvironment().getProperty("local.server.port")).build();
    }
}
