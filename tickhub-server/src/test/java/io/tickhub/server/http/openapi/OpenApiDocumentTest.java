package io.tickhub.server.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.server.HubTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description as client generators read it (OpenAPI Generator with validation on, Redocly lint):
 * the properties that made them refuse or mistype it are checked here, so they cannot come back unnoticed by a
 * build without npm. The document is also written to {@code target/openapi/tickhub.json}, which the build lints
 * and generates a Java client from (tickhub-openapi-check).
 */
@HubTest
class OpenApiDocumentTest {

    static final Path EXPORT = Path.of("target", "openapi", "tickhub.json");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;

    String document;
    JsonNode spec;

    @BeforeEach
    void fetch() throws IOException {
        document = http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        spec = JSON.readTree(document);
        Files.createDirectories(EXPORT.getParent());
        Files.writeString(EXPORT, document);
    }

    @Test
    void theLicenseHasAnSpdxIdentifierAsTheLicenseFileSays() throws IOException {
        assertThat(spec.at("/info/license/identifier").asString()).isEqualTo("Apache-2.0");
        assertThat(Files.readString(Path.of("..", "LICENSE"))).contains("Apache License", "Version 2.0");
    }

    @Test
    void everyOperationHasAUniqueMeaningfulOperationId() {
        List<String> ids = new ArrayList<>();
        operations().forEach(op -> ids.add(op.operation().path("operationId").asString("")));
        assertThat(ids).hasSizeGreaterThanOrEqualTo(31).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).as("camelCase, no numeric suffix").matches("[a-z][a-zA-Z]+"));
        assertThat(ids).contains("listJobs", "getJob", "getHistory", "testDatabase", "testPriceDatabase");
    }

    @Test
    void noContentIsTheWildcardMediaType() {
        assertThat(document).doesNotContain("\"*/*\"");
        assertThat(spec.at("/paths/~1api~1v1~1quotes/get/responses/200/content/application~1json/schema/$ref")
                .asString()).endsWith("/QuoteList");
    }

    @Test
    void everyErrorAnswerHasTheRouteErrorSchemaNeverItsSuccessType() {
        Set<String> seen = new HashSet<>();
        operations().forEach(op -> op.operation().path("responses").properties().forEach(response -> {
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                boolean nativeRoute = op.path().startsWith("/api/v1/") && !op.path().startsWith("/api/v1/tickers");
                String media = nativeRoute ? "application/problem+json" : "application/json";
                JsonNode content = response.getValue().path("content");
                assertThat(content.propertyNames()).as(op.path() + " " + response.getKey()).containsExactly(media);
                String schema = content.path(media).path("schema").path("$ref").asString();
                assertThat(schema).as(op.path() + " " + response.getKey())
                        .isEqualTo("#/components/schemas/" + (nativeRoute ? "Problem" : "FastApiError"));
                seen.add(schema);
            }
        }));
        assertThat(seen).hasSize(2);
        assertThat(spec.at("/paths/~1prices~1latest/get/responses/422/content/application~1json/schema/$ref")
                .asString()).endsWith("/FastApiError");
    }

    @Test
    void realErrorBodiesHaveTheDocumentedShapes() {
        checkAgainstSchema("Problem", http.get().uri("/api/v1/news?limit=many").exchange()
                .expectStatus().isEqualTo(422).expectBody(String.class).returnResult().getResponseBody());
        checkAgainstSchema("FastApiError", http.get().uri("/prices/latest").exchange()
                .expectStatus().isEqualTo(422).expectBody(String.class).returnResult().getResponseBody());
        checkAgainstSchema("FastApiError", http.get().uri("/tickers/NOSUCH").exchange()
                .expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void jobsAnswerTypedBodiesAndTakeTheJobRequestRecord() {
        assertThat(spec.at("/paths/~1api~1v1~1jobs/get/responses/200/content/application~1json/schema/$ref")
                .asString()).endsWith("/JobList");
        assertThat(spec.at("/paths/~1api~1v1~1jobs~1{id}/get/responses/200/content/application~1json/schema/$ref")
                .asString()).endsWith("/JobView");
        for (String path : List.of("/api/v1/jobs", "/prices/poll")) {
            JsonNode body = spec.path("paths").path(path).path("post").path("requestBody");
            assertThat(body.path("required").asBoolean()).as(path).isTrue();
            assertThat(body.at("/content/application~1json/schema/$ref").asString()).as(path).endsWith("/JobRequest");
        }
        assertThat(strings(schema("JobRequest").path("required"))).containsExactlyInAnyOrder("symbols", "interval");
    }

    @Test
    void countsAreIntegersAndTimesAreDateTimes() {
        assertThat(parameter("/api/v1/news", "limit").path("type").asString()).isEqualTo("integer");
        assertThat(parameter("/prices/ma", "window").path("type").asString()).isEqualTo("integer");
        assertThat(parameter("/ma/{symbol}", "window").path("type").asString()).isEqualTo("integer");
        assertThat(parameter("/api/v1/indicators/{indicator}/{symbol}", "window").path("type").asString())
                .isEqualTo("integer");
        for (String path : List.of("/api/v1/history/{symbol}", "/api/v1/bars/{symbol}")) {
            assertThat(parameter(path, "limit").path("type").asString()).isEqualTo("integer");
            assertThat(parameter(path, "from").path("format").asString()).isEqualTo("date-time");
            assertThat(parameter(path, "to").path("format").asString()).isEqualTo("date-time");
        }
    }

    @Test
    void recordFieldsTheHubAlwaysWritesAreRequiredAndOmittedOnesAreNot() {
        assertThat(strings(schema("QuoteView").path("required"))).contains("symbol", "seq", "price");
        assertThat(strings(schema("JobView").path("required"))).contains("id", "symbols", "interval", "state");
        assertThat(strings(schema("WhoAmI").path("required"))).doesNotContain("expires_at");
        assertThat(schema("LimitsView").has("required")).as("a request may leave every limit out").isFalse();
        assertThat(strings(schema("KeyRequest").path("required"))).containsExactlyInAnyOrder("name", "scopes");
    }

    private void checkAgainstSchema(String name, String body) {
        JsonNode error = JSON.readTree(body);
        JsonNode schema = schema(name);
        assertThat(error.propertyNames()).as(body).isSubsetOf(schema.path("properties").propertyNames());
        assertThat(error.propertyNames()).as(body).containsAll(strings(schema.path("required")));
    }

    private JsonNode schema(String name) {
        return spec.path("components").path("schemas").path(name);
    }

    private JsonNode parameter(String path, String name) {
        for (JsonNode parameter : spec.path("paths").path(path).path("get").path("parameters")) {
            if (parameter.path("name").asString().equals(name)) {
                return parameter.path("schema");
            }
        }
        throw new AssertionError("no parameter " + name + " on " + path);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asString()));
        return out;
    }

    record Op(String path, String method, JsonNode operation) {
    }

    private List<Op> operations() {
        List<Op> out = new ArrayList<>();
        spec.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method ->
                out.add(new Op(path.getKey(), method.getKey(), method.getValue()))));
        return out;
    }
}
