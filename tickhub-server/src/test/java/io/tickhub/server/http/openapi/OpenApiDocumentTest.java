package io.tickhub.server.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.server.HubTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The OpenAPI description as a client generator reads it. The document is also written to
 * {@code target/openapi/tickhub.json}, where the build lints it (Redocly) and generates a client from it
 * (tickhub-openapi-check); the assertions here keep the key properties without npm.
 */
@HubTest
class OpenApiDocumentTest {

    static final Path EXPORT = Path.of("target", "openapi", "tickhub.json");

    @Autowired
    WebTestClient http;

    String document;

    @BeforeEach
    void fetch() throws IOException {
        document = http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Files.createDirectories(EXPORT.getParent());
        Files.writeString(EXPORT, document);
    }

    @Test
    void exported() {
        assertThat(document).contains("openapi");
    }
}
