package io.tickhub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.jobs.PollingJobs;
import io.tickhub.server.HubTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every scope and refusal on REST, native and compatibility routes alike, with credentials required
 * (so the test's loopback client is treated as any other), and the key lifecycle through the admin routes.
 */
@HubTest
@TestPropertySource(properties = {"tickhub.security.mode=required",
        "tickhub.security.admin-key=" + AccessRoutesTest.ADMIN_KEY})
@SuppressWarnings("unchecked")
class AccessRoutesTest {

    static final String ADMIN_KEY = "routes-test-bootstrap-admin-key-0123456789";

    @Autowired
    WebTestClient http;
    @Autowired
    PollingJobs jobs;
    @Autowired
    MeterRegistry meters;

    String createKey(String name, List<String> scopes) {
        Map<?, ?> created = http.post().uri("/api/v1/keys").headers(h -> h.setBearerAuth(ADMIN_KEY))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name, "scopes", scopes))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(created.get("scopes")).isEqualTo(scopes.stream().sorted().toList());
        return (String) created.get("key");
    }

    @Test
    void withoutACredentialEveryDataRouteIs401WithTheRoutesErrorShapeAndBearerChallenge() {
        for (String route : List.of("/api/v1/quotes", "/api/v1/symbols", "/tickers", "/api/v1/tickers",
                "/prices/latest?symbol=AAPL", "/prices/ma?symbol=AAPL", "/test-db", "/api/v1/jobs", "/api/v1/auth",
                "/actuator/prometheus")) {
            var result = http.get().uri(route).exchange().expectStatus().isUnauthorized()
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tickhub\"")
                    .expectBody(Map.class).returnResult().getResponseBody();
            assertThat(result).as(route).containsEntry("code", "not_authenticated").containsKey("detail");
        }
        http.post().uri("/poll/AAPL").exchange().expectStatus().isUnauthorized();
        http.delete().uri("/api/v1/jobs/anything").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void healthTheStatusPageAndTheApiDescriptionArePublic() {
        http.get().uri("/health").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/").exchange().expectStatus().isOk();
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        http.get().uri("/v3/asyncapi.yaml").exchange().expectStatus().isOk();
    }

    @Test
    void aReadKeyReadsButCannotPollManageJobsOrKeys() {
        String read = createKey("reader", List.of("read"));
        http.get().uri("/api/v1/quotes").headers(h -> h.setBearerAuth(read)).exchange().expectStatus().isOk();
        http.get().uri("/tickers").header("X-API-Key", read).exchange().expectStatus().isOk();
        int jobsBefore = jobs.list().size();
        Map<String, Object> refused = http.post().uri("/prices/poll").headers(h -> h.setBearerAuth(read))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("symbols", List.of("AAPL"), "interval", 60))
                .exchange().expectStatus().isForbidden().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(refused).containsEntry("code", "forbidden");
        assertThat((String) refused.get("detail")).contains("'jobs' scope");
        assertThat(jobs.list()).hasSize(jobsBefore);
        http.post().uri("/poll/AAPL").headers(h -> h.setBearerAuth(read)).exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/keys").headers(h -> h.setBearerAuth(read)).exchange().expectStatus().isForbidden();
        http.get().uri("/actuator/env").headers(h -> h.setBearerAuth(read)).exchange().expectStatus().isForbidden();
    }

    @Test
    void aJobsKeyManagesJobsButCannotRead() {
        String jobsKey = createKey("scheduler", List.of("jobs"));
        http.post().uri("/api/v1/jobs").headers(h -> h.setBearerAuth(jobsKey))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("symbols", List.of("SECJOB"), "interval", 3600, "provider", "simulator"))
                .exchange().expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
        http.get().uri("/api/v1/quotes").headers(h -> h.setBearerAuth(jobsKey)).exchange().expectStatus().isForbidden();
    }

    @Test
    void aKeysSecretIsShownOnceAndARevokedKeyStopsWorking() {
        String key = createKey("short-lived", List.of("read", "stream"));
        String id = key.substring(4, 16);
        List<?> listed = (List<?>) http.get().uri("/api/v1/keys").headers(h -> h.setBearerAuth(ADMIN_KEY)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("keys");
        assertThat(listed.toString()).contains(id, "short-lived").doesNotContain(key.substring(17));
        assertThat(listed).allSatisfy(entry -> assertThat(((Map<String, Object>) entry).keySet()).doesNotContain("key"));

        Map<String, Object> me = http.get().uri("/api/v1/auth").headers(h -> h.setBearerAuth(key)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(me).containsEntry("subject", "key:" + id).containsEntry("kind", "key")
                .containsEntry("scopes", List.of("read", "stream")).containsEntry("mode", "required");

        http.delete().uri("/api/v1/keys/" + id).headers(h -> h.setBearerAuth(ADMIN_KEY)).exchange()
                .expectStatus().isNoContent();
        http.get().uri("/api/v1/quotes").headers(h -> h.setBearerAuth(key)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tickhub\", error=\"invalid_token\"")
                .expectBody().jsonPath("$.code").isEqualTo("auth_failed");
        http.delete().uri("/api/v1/keys/nosuchkey123").headers(h -> h.setBearerAuth(ADMIN_KEY)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void anInvalidKeyRequestIs422AndStoresNothing() {
        int before = http.get().uri("/api/v1/keys").headers(h -> h.setBearerAuth(ADMIN_KEY)).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("keys").toString().length();
        for (Map<String, Object> body : List.of(Map.<String, Object>of("name", "x", "scopes", List.of("root")),
                Map.<String, Object>of("name", "", "scopes", List.of("read")),
                Map.<String, Object>of("name", "x", "scopes", List.of()),
                Map.<String, Object>of("name", "x", "scopes", List.of("read"), "limits", Map.of("connections", 0)))) {
            http.post().uri("/api/v1/keys").headers(h -> h.setBearerAuth(ADMIN_KEY))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().isEqualTo(422).expectBody().jsonPath("$.detail").exists();
        }
        http.post().uri("/api/v1/keys").headers(h -> h.setBearerAuth(ADMIN_KEY))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{not json").exchange().expectStatus().is4xxClientError();
        int after = http.get().uri("/api/v1/keys").headers(h -> h.setBearerAuth(ADMIN_KEY)).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("keys").toString().length();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void theOpenApiDescriptionDeclaresTheSchemesAndEachOperationsScope() {
        Map<String, Object> spec = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) spec.get("components")).get("securitySchemes");
        assertThat(schemes).containsKeys("bearer", "apiKeyHeader", "tokenQuery");
        Map<String, Object> paths = (Map<String, Object>) spec.get("paths");
        Map<String, Object> poll = (Map<String, Object>) ((Map<String, Object>) paths.get("/poll/{symbol}")).get("post");
        assertThat(poll).containsEntry("x-tickhub-scope", "jobs");
        assertThat((List<?>) poll.get("security")).isNotEmpty();
        assertThat((Map<String, Object>) poll.get("responses")).containsKeys("401", "403");
        Map<String, Object> quotes = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/v1/quotes")).get("get");
        assertThat(quotes).containsEntry("x-tickhub-scope", "read");
        Map<String, Object> keys = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/v1/keys")).get("post");
        assertThat(keys).containsEntry("x-tickhub-scope", "admin");
        Map<String, Object> health = (Map<String, Object>) ((Map<String, Object>) paths.get("/health")).get("get");
        assertThat((List<?>) health.get("security")).isEmpty();
    }

    @Test
    void refusalsAreCountedForTheAudit() {
        double before = refused("auth_failed");
        http.get().uri("/api/v1/quotes").headers(h -> h.setBearerAuth("thk_notarealkey_" + "x".repeat(43)))
                .exchange().expectStatus().isUnauthorized();
        assertThat(refused("auth_failed")).isEqualTo(before + 1);
    }

    double refused(String outcome) {
        var counter = meters.find("tickhub.security.audit").tag("event", "refused").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
