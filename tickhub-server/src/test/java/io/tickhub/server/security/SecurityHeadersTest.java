package io.tickhub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickhub.server.HubTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** HTML pages carry the CSP and the anti-framing headers; every answer carries {@code nosniff}. */
@HubTest
class SecurityHeadersTest {

    static final Path DASHBOARD_SOURCE = Path.of("src", "main", "frontend", "index.html");

    @Autowired
    WebTestClient http;
    @LocalServerPort
    int port;

    @Test
    void swaggerUiGetsTheCspAndTheAntiFramingHeaders() {
        http.get().uri("/swagger-ui/index.html").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY)
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
    }

    @Test
    void theDashboardGetsTheCspAndTheAntiFramingHeaders() {
        assumeTrue(new ClassPathResource("static/index.html").exists(), "dashboard not built (-Dfrontend.skip)");
        for (String page : new String[] {"/", "/index.html"}) {
            http.get().uri(page).accept(MediaType.TEXT_HTML).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader().valueEquals("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY)
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        }
    }

    @Test
    void everyApiAnswerIsNosniffAndGetsNoPagePolicy() {
        for (String route : new String[] {"/api/v1/quotes", "/api/v1/tickers", "/health", "/", "/v3/api-docs",
                "/api/v1/nope", "/actuator/health/a%2Fb"}) {
            http.get().uri(route).accept(MediaType.APPLICATION_JSON).exchange()
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().doesNotExist("Content-Security-Policy")
                    .expectHeader().doesNotExist("X-Frame-Options");
        }
        // A refusal written by a filter ahead of routing (the malformed Accept header) gets it too.
        RawRequest.Answer refused = RawRequest.send(port, "GET", "/api/v1/quotes", "127.0.0.1:" + port,
                Map.of("Accept", "no/such/type;;"));
        assertThat(refused.status()).isEqualTo(406);
        assertThat(refused.header("x-content-type-options")).isEqualTo("nosniff");
    }

    @Test
    void aWebSocketHandshakeStillUpgrades() {
        RawRequest.Answer answer = RawRequest.upgrade(port, "/ws", "127.0.0.1:" + port, null);
        assertThat(answer.status()).isEqualTo(101);
        assertThat(answer.header("sec-websocket-accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void theDashboardsOnlyInlineScriptIsTheOneTheCspAllowsByHash() throws IOException {
        String page = Files.readString(DASHBOARD_SOURCE);
        Matcher handlers = Pattern.compile("\\son[a-z]+=\"([^\"]*)\"").matcher(page);
        int found = 0;
        while (handlers.find()) {
            assertThat(handlers.group(1)).isEqualTo(SecurityHeaders.SKIP_LINK_HANDLER);
            found++;
        }
        assertThat(found).isEqualTo(1);
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>").matcher(page).find())
                .as("an inline <script> would be refused by the CSP").isFalse();
        // The handler's SHA-256, computed elsewhere (Python's hashlib).
        assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY)
                .contains("'unsafe-hashes' 'sha256-A2BUSRsUp3gQAz01LUldUkoZK3OrH3BDLwyo9nwAMMM='");
    }
}
