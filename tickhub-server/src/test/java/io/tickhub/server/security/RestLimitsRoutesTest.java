package io.tickhub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.access.Scope;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.server.HubTest;
import io.tickhub.server.http.limits.LimitRefusals;
import io.tickhub.server.jobs.Upstreams;
import io.tickhub.server.provider.fake.FakeUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The REST limits through a running hub, each test a client (or several) on a loopback address of
 * its own, at the hub's manual clock: nothing here waits for time to pass.
 */
@HubTest
@TestPropertySource(properties = {
        "tickhub.security.limits.address.requests-per-second=60",
        "tickhub.security.limits.address.polls-per-minute=3",
        "tickhub.security.limits.key.requests-per-second=4",
        "tickhub.security.limits.key.polls-per-minute=2"})
@Timeout(60)
class RestLimitsRoutesTest {

    static final FakeUpstream upstream = Upstreams.start();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("tickhub.providers.yahoo.base-url", upstream::baseUrl);
        registry.add("tickhub.providers.finnhub.stream-enabled", () -> "false");
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyStore keys;
    @Autowired
    ManualClock clock;
    @Autowired
    MeterRegistry meters;

    private double refused(String limit) {
        var counter = meters.find(LimitRefusals.METER).tag("limit", limit).counter();
        return counter == null ? 0 : counter.count();
    }

    private String key(String name, Integer requestsPerSecond, Integer pollsPerMinute) {
        return keys.create(name, Set.of(Scope.READ, Scope.JOBS),
                new io.tickhub.server.security.ApiKey.LimitOverrides(null, null, requestsPerSecond, pollsPerMinute,
                        null)).token();
    }

    @Test
    void everyLimitedAnswerCarriesTheRateLimitFieldsAndPublicRoutesNone() {
        try (LoopbackHttp http = new LoopbackHttp("127.0.0.11", port)) {
            LoopbackHttp.Answer auth = http.get("/api/v1/auth");
            assertThat(auth.status()).isEqualTo(200);
            assertThat(auth.header("RateLimit-Limit")).isEqualTo("120");
            assertThat(auth.header("RateLimit-Remaining")).isEqualTo("119");
            assertThat(auth.header("RateLimit-Reset")).isEqualTo("1");
            assertThat(auth.header("RateLimit-Policy")).isEqualTo("120;w=2");
            assertThat(auth.header("Retry-After")).isNull();

            LoopbackHttp.Answer health = http.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.header("RateLimit-Limit")).isNull();
        }
    }

    @Test
    void anAddressPastItsBurstIsAnswered429WithRetryAfterAndPublicRoutesStillAnswer() {
        double before = refused(RestLimits.REQUESTS_PER_ADDRESS);
        try (LoopbackHttp http = new LoopbackHttp("127.0.0.12", port)) {
            int accepted = 0;
            LoopbackHttp.Answer last = null;
            for (int i = 0; i < 130; i++) {
                last = http.get("/api/v1/auth");
                if (last.status() == 200) {
                    accepted++;
                }
            }
            assertThat(accepted).as("the burst: twice 60 a second").isEqualTo(120);
            assertThat(last.status()).isEqualTo(429);
            assertThat(last.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(last.body()).contains("\"code\":\"rate_limited\"").contains("at most 60 a second");
            assertThat(last.header("Retry-After")).isEqualTo("1");
            assertThat(last.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(last.header("RateLimit-Reset")).isEqualTo("2");
            assertThat(refused(RestLimits.REQUESTS_PER_ADDRESS) - before).isEqualTo(10);

            assertThat(http.get("/health").status()).isEqualTo(200);
            assertThat(http.get("/").status()).isEqualTo(200);
            // Streams opened without a credential are bounded by the connection caps, not the request
            // rate: the stream route answers (here 422, no symbols) rather than 429.
            assertThat(http.get("/api/v1/stream").status()).isEqualTo(422);
            // Another address is not affected.
            try (LoopbackHttp other = new LoopbackHttp("127.0.0.13", port)) {
                assertThat(other.get("/api/v1/auth").status()).isEqualTo(200);
            }

            clock.advance(Duration.ofMillis(100));
            assertThat(http.get("/api/v1/auth").status()).as("6 tokens back in 100 ms").isEqualTo(200);
        }
    }

    @Test
    void aKeyIsChargedToItselfAndItsAddressKeepsItsOwnBucket() {
        String token = key("rest-limits-key", null, null);
        double before = refused(RestLimits.REQUESTS_PER_KEY);
        try (LoopbackHttp http = new LoopbackHttp("127.0.0.14", port)) {
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
            List<Integer> statuses = new ArrayList<>();
            LoopbackHttp.Answer last = null;
            for (int i = 0; i < 10; i++) {
                last = http.get("/api/v1/auth", bearer);
                statuses.add(last.status());
            }
            assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 200, 200, 429, 429);
            assertThat(last.body()).contains("\"code\":\"rate_limited\"").contains("key:");
            assertThat(last.header("RateLimit-Limit")).isEqualTo("8");
            assertThat(last.header("RateLimit-Policy")).isEqualTo("8;w=2");
            assertThat(last.header("Retry-After")).isEqualTo("1");
            assertThat(refused(RestLimits.REQUESTS_PER_KEY) - before).isEqualTo(2);
            // The address paid nothing for the key's requests: a client without one there has all 120.
            LoopbackHttp.Answer anonymous = http.get("/api/v1/auth");
            assertThat(anonymous.status()).isEqualTo(200);
            assertThat(anonymous.header("RateLimit-Remaining")).isEqualTo("119");
        }
        // The key's bucket is the key's wherever it comes from.
        try (LoopbackHttp elsewhere = new LoopbackHttp("127.0.0.15", port)) {
            assertThat(elsewhere.get("/api/v1/auth", Map.of("X-API-Key", token)).status()).isEqualTo(429);
        }
    }

    @Test
    void aClientTryingKeyAfterKeyGetsAtMostItsAddressBurstOfVerdicts() {
        double before = refused(RestLimits.REFUSED_CREDENTIALS_PER_ADDRESS);
        try (LoopbackHttp http = new LoopbackHttp("127.0.0.16", port)) {
            int unauthorized = 0;
            int limited = 0;
            for (int i = 0; i < 200; i++) {
                String guess = "thk_" + "%012d".formatted(i).replace('0', 'a') + "_" + "x".repeat(43);
                LoopbackHttp.Answer answer = http.get("/api/v1/auth", Map.of("Authorization", "Bearer " + guess));
                if (answer.status() == 401) {
                    unauthorized++;
                    assertThat(answer.header("RateLimit-Remaining")).as("a refusal carries the fields too")
                            .isEqualTo(Integer.toString(120 - unauthorized));
                } else if (answer.status() == 429) {
                    limited++;
                    assertThat(answer.body()).contains("\"code\":\"rate_limited\"");
                }
            }
            assertThat(unauthorized).isEqualTo(120);
            assertThat(limited).isEqualTo(80);
            assertThat(refused(RestLimits.REFUSED_CREDENTIALS_PER_ADDRESS) - before).isEqualTo(80);

            // Meanwhile a valid key from there is refused too, before its check (the price of
            // bounding verdicts per address), until the address's bucket gains a token.
            String token = key("rest-limits-neighbour", null, null);
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
            assertThat(http.get("/api/v1/auth", bearer).status()).isEqualTo(429);
            clock.advance(Duration.ofMillis(50));
            assertThat(http.get("/api/v1/auth", bearer).status()).isEqualTo(200);
            assertThat(http.get("/api/v1/auth", bearer).status()).as("and its token was given back").isEqualTo(200);
            // Requests without a credential from there were never in the way.
            assertThat(http.get("/api/v1/auth").status()).isEqualTo(200);
        }
    }

    @Test
    void aHundredPollsWithoutACredentialReachTheProviderOnlyAsOftenAsTheAddressBudget() {
        upstream.on(Upstreams.yahooPath("RLPA"), Upstreams.yahooChart("RLPA", 10.5, 1_735_828_200));
        double before = refused(RestLimits.POLLS_PER_ADDRESS);
        try (LoopbackHttp http = new LoopbackHttp("127.0.0.17", port)) {
            int ok = 0;
            LoopbackHttp.Answer last = null;
            for (int i = 0; i < 100; i++) {
                last = http.post("/poll/RLPA?provider=yfinance", Map.of());
                if (last.status() == 200) {
                    ok++;
                }
            }
            assertThat(ok).isEqualTo(3);
            assertThat(last.status()).isEqualTo(429);
            assertThat(last.body()).contains("\"code\":\"poll_budget\"").contains("3 polls and job creations a minute");
            assertThat(last.header("Content-Type")).isEqualTo("application/json");
            assertThat(last.header("Retry-After")).isEqualTo("20");
            assertThat(last.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(last.header("RateLimit-Policy")).isEqualTo("3;w=60");
            assertThat(refused(RestLimits.POLLS_PER_ADDRESS) - before).isEqualTo(97);
            assertThat(upstream.requests().stream().filter(r -> r.rawPath().contains("RLPA")).count()).isEqualTo(3);
        }
    }

    @Test
    void aKeysPollBudgetIsItsOwnAndInvalidPollsAreGivenBack() {
        upstream.on(Upstreams.yahooPath("RLPB"), Upstreams.yahooChart("RLPB", 11.5, 1_735_828_200));
        String token = key("rest-limits-poller", 1000, null);
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        try (LoopbackHttp http = new LoopbackHttp("127.0.0.18", port)) {
            for (int i = 0; i < 5; i++) {
                assertThat(http.post("/poll/RLPB?provider=bloomberg", bearer).status()).as("invalid: 422, given back")
                        .isEqualTo(422);
            }
            assertThat(http.post("/poll/RLPB?provider=yfinance", bearer).status()).isEqualTo(200);
            assertThat(http.post("/api/v1/jobs", bearer).status()).as("a job without a body: invalid, given back")
                    .isIn(400, 422);
            assertThat(http.post("/poll/RLPB?provider=yfinance", bearer).status()).isEqualTo(200);
            LoopbackHttp.Answer third = http.post("/poll/RLPB?provider=yfinance", bearer);
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.body()).contains("\"code\":\"poll_budget\"").contains("key:");
            assertThat(third.header("Retry-After")).isEqualTo("30");
            // The key's budget is not the address's: without the key, this address still polls.
            assertThat(http.post("/poll/RLPB?provider=yfinance", Map.of()).status()).isEqualTo(200);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiDescriptionDeclaresThe429sOfEveryLimitedOperation() throws Exception {
        try (LoopbackHttp http = new LoopbackHttp("127.0.0.19", port)) {
            LoopbackHttp.Answer docs = http.get("/v3/api-docs");
            assertThat(docs.status()).isEqualTo(200);
            assertThat(docs.header("RateLimit-Limit")).as("public: not charged").isNull();
            Map<String, Object> paths = (Map<String, Object>) new tools.jackson.databind.ObjectMapper()
                    .readValue(docs.body(), Map.class).get("paths");
            Map<String, Object> poll = (Map<String, Object>) ((Map<String, Object>) paths.get("/poll/{symbol}")).get("post");
            String pollLimited = (String) ((Map<String, Object>) ((Map<String, Object>) poll.get("responses"))
                    .get("429")).get("description");
            assertThat(pollLimited).contains("provider").contains("poll_budget").contains("rate_limited");
            Map<String, Object> quotes = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/v1/quotes")).get("get");
            String quotesLimited = (String) ((Map<String, Object>) ((Map<String, Object>) quotes.get("responses"))
                    .get("429")).get("description");
            assertThat(quotesLimited).contains("rate_limited").doesNotContain("poll_budget");
            Map<String, Object> health = (Map<String, Object>) ((Map<String, Object>) paths.get("/health")).get("get");
            assertThat((Map<String, Object>) health.get("responses")).doesNotContainKey("429");
        }
    }
}
