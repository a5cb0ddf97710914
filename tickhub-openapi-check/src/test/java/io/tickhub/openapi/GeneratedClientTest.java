package io.tickhub.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.generated.ApiClient;
import io.tickhub.generated.ApiException;
import io.tickhub.generated.api.AccessApi;
import io.tickhub.generated.api.HistoryApi;
import io.tickhub.generated.api.JobsApi;
import io.tickhub.generated.api.NewsApi;
import io.tickhub.generated.api.QuotesApi;
import io.tickhub.generated.api.StatusApi;
import io.tickhub.generated.model.FastApiError;
import io.tickhub.generated.model.HealthReport;
import io.tickhub.generated.model.JobList;
import io.tickhub.generated.model.Problem;
import io.tickhub.generated.model.QuoteList;
import io.tickhub.generated.model.QuoteView;
import io.tickhub.generated.model.TickPage;
import io.tickhub.generated.model.WhoAmI;
import io.tickhub.server.TickhubApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Java client that OpenAPI Generator (library {@code native}, validation on) makes from the hub's
 * {@code /v3/api-docs} calls a running hub: typed answers, typed parameters, and errors whose bodies parse as the
 * documented {@code Problem} and {@code FastApiError}. The hub runs in-process on 127.0.0.1 with the simulator
 * feeding quotes; loopback clients need no credential (protected mode).
 */
@Timeout(60)
class GeneratedClientTest {

    @TempDir
    static Path dir;

    static ConfigurableApplicationContext hub;
    static ApiClient client;

    @BeforeAll
    static void start() {
        hub = SpringApplication.run(TickhubApplication.class, "--server.port=0", "--server.address=127.0.0.1",
                "--tickhub.simulator.interval=50ms", "--tickhub.stream.warm-up-connections=0",
                "--tickhub.data-dir=" + dir);
        int port = hub.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        client = new ApiClient().setScheme("http").setHost("127.0.0.1").setPort(port).setBasePath("");
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void healthAndIdentityAnswerTheirTypes() throws ApiException {
        HealthReport health = new StatusApi(client).getHealth();
        assertThat(health.getStatus()).isNotBlank();
        assertThat(health.getUptimeSeconds()).isNotNegative();

        WhoAmI me = new AccessApi(client).whoAmI();
        assertThat(me.getKind()).isNotNull();
        assertThat(me.getScopes()).isNotEmpty();
    }

    @Test
    void quotesOfTheSimulatorReadAsTypedRecords() throws ApiException {
        QuotesApi quotes = new QuotesApi(client);
        QuoteList all = awaitQuotes(quotes);
        QuoteView first = all.getQuotes().getFirst();

        QuoteView one = quotes.getQuote(first.getSymbol());
        assertThat(one.getSymbol()).isEqualTo(first.getSymbol());
        assertThat(one.getPrice()).isPositive();
        assertThat(one.getSeq()).isGreaterThanOrEqualTo(first.getSeq());
    }

    @Test
    void historyTakesDateTimesAndAnIntegerLimit() throws ApiException {
        String symbol = awaitQuotes(new QuotesApi(client)).getQuotes().getFirst().getSymbol();
        TickPage page = new HistoryApi(client).getHistory(symbol,
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), null, 5, null);
        assertThat(page.getSymbol()).isEqualTo(symbol);
        assertThat(page.getItems()).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void jobsListIsTyped() throws ApiException {
        JobList jobs = new JobsApi(client).listJobs();
        assertThat(jobs.getJobs()).isNotNull();
    }

    @Test
    void errorsParseAsTheDocumentedSchemas() {
        ApiException notFound = catchApi(() -> new QuotesApi(client).getQuote("NOSUCH9"));
        assertThat(notFound.getCode()).isEqualTo(404);
        Problem problem = read(notFound, Problem.class);
        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getInstance()).isEqualTo("/api/v1/quotes/NOSUCH9");

        ApiException invalid = catchApi(() -> new NewsApi(client).listNews(null, 0));
        assertThat(invalid.getCode()).isEqualTo(422);
        assertThat(read(invalid, Problem.class).getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getLoc()).containsExactly("query", "limit"));

        // Named provider the simulator: it cannot be polled, so no live fetch is tried (the default provider would
        // be asked over the internet, which is not reachable here: a 502, not the 404 this checks).
        ApiException compat = catchApi(() -> new io.tickhub.generated.api.CompatBCMarketDataApi(client)
                .getLatestPrice("NOSUCH9", "simulator"));
        assertThat(compat.getCode()).isEqualTo(404);
        assertThat(read(compat, FastApiError.class).getDetail()).isNotNull();
    }

    /** The simulator's first quotes (it runs on the hub's real clock). */
    private static QuoteList awaitQuotes(QuotesApi quotes) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> quotes.listQuotes(null),
                all -> !all.getQuotes().isEmpty());
    }

    interface Call {
        void run() throws ApiException;
    }

    private static ApiException catchApi(Call call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an error answer");
    }

    private static <T> T read(ApiException error, Class<T> type) {
        try {
            return client.getObjectMapper().readValue(error.getResponseBody(), type);
        } catch (Exception e) {
            throw new AssertionError("not a " + type.getSimpleName() + ": " + error.getResponseBody(), e);
        }
    }
}
