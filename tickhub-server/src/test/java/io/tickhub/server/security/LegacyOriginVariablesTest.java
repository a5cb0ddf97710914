package io.tickhub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.server.TickhubApplication;
import io.tickhub.server.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A hub started with system E's {@code CORS_ORIGINS=["http://localhost:3000"]} and system D's
 * {@code FRONTEND_URL} in its OS environment, as their deployments set them: both front-ends get CORS
 * and open WebSockets; other origins still do not.
 */
class LegacyOriginVariablesTest {

    static final String SYSTEM_E_APP = "http://localhost:3000";
    static final String SYSTEM_D_APP = "http://localhost:5173";

    @TempDir
    static Path dir;

    static int port;
    static ConfigurableApplicationContext hub;
    static WebTestClient http;

    @BeforeAll
    static void start() {
        port = FreePorts.next();
        Map<String, Object> osEnvironment = new HashMap<>(System.getenv());
        osEnvironment.put("CORS_ORIGINS", "[\"" + SYSTEM_E_APP + "\"]");
        osEnvironment.put("FRONTEND_URL", SYSTEM_D_APP + "/");
        osEnvironment.put("TICKER_COUNT", "2");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        osEnvironment));
        SpringApplication application = new SpringApplication(TickhubApplication.class);
        application.setEnvironment(environment);
        hub = application.run("--server.port=" + port, "--server.address=127.0.0.1",
                "--tickhub.simulator.symbols=",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("tickhub") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--tickhub.journal.dir=" + dir.resolve("journal"));
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void systemEsWebAppReadsTheTickersAcrossOrigins() {
        http.get().uri("/api/v1/tickers").header("Origin", SYSTEM_E_APP).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", SYSTEM_E_APP)
                .expectBody().jsonPath("$[0].id").isEqualTo("ITEM_00");
    }

    @Test
    void systemDsFrontEndGetsCorsToo() {
        http.get().uri("/health").header("Origin", SYSTEM_D_APP).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", SYSTEM_D_APP);
    }

    @Test
    void anOriginOutsideTheListIsRefusedByCors() {
        http.get().uri("/api/v1/tickers").header("Origin", "http://evil.example").exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ws", "/ws/prices", "/ws/news", "/ws/ITEM_00"})
    void listedOriginsOpenEveryWebSocketAndOthersDoNot(String endpoint) {
        String host = "127.0.0.1:" + port;
        assertThat(RawRequest.upgrade(port, endpoint, host, SYSTEM_E_APP).status()).isEqualTo(101);
        assertThat(RawRequest.upgrade(port, endpoint, host, SYSTEM_D_APP).status()).isEqualTo(101);
        assertThat(RawRequest.upgrade(port, endpoint, host, "http://" + host).status())
                .as("the hub's own pages, whatever the list").isEqualTo(101);
        assertThat(RawRequest.upgrade(port, endpoint, host, "http://evil.example").status()).isEqualTo(403);
    }

    @Test
    void aListedOriginMayChangeStateCrossSite() {
        // Unknown provider: 422 from the route, so the cross-site check let it through.
        http.post().uri("/poll/ITEM_00?provider=bloomberg").header("Origin", SYSTEM_E_APP)
                .header("Sec-Fetch-Site", "same-site").exchange()
                .expectStatus().isEqualTo(422);
        http.post().uri("/poll/ITEM_00?provider=bloomberg").header("Origin", "http://evil.example")
                .header("Sec-Fetch-Site", "cross-site").exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("cross_origin");
    }
}
