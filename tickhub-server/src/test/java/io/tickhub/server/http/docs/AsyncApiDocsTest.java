package io.tickhub.server.http.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.server.HubTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@HubTest
class AsyncApiDocsTest {

    @Autowired
    WebTestClient http;

    @Test
    void theAsyncApiDocumentIsServedAsYamlBesideTheOpenApiDocument() {
        String body = http.get().uri("/v3/asyncapi.yaml").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/yaml")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).startsWith("asyncapi: 3.").contains("address: /ws", "address: /api/v1/stream");
    }

    @Test
    void theOpenApiDocumentShownAtDocsLinksToIt() {
        Map<?, ?> spec = http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) spec.get("externalDocs")).get("url")).isEqualTo("/v3/asyncapi.yaml");
    }
}
