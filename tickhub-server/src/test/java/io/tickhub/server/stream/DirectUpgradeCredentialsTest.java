package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.server.TestHubConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A native upgrade with a credential on the direct path ({@link DirectUpgrades}): one that holds is
 * upgraded there and charged to the key's request budget as the WebFlux filters charge it (past
 * it: 429 {@code rate_limited} with the rate-limit fields); one that does not is answered by the
 * filters (401, audited), and neither path upgrades it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.stream.heartbeat-interval=10m", "tickhub.stream.warm-up-connections=0",
        "tickhub.security.mode=required", "tickhub.security.jwt.secret=" + DirectUpgradeCredentialsTest.SECRET,
        "tickhub.security.limits.key.requests-per-second=2"})
@Import(TestHubConfig.class)
class DirectUpgradeCredentialsTest {

    static final String SECRET = "direct-upgrade-test-jwt-secret-0123456789";

    @LocalServerPort
    int port;
    @Autowired
    FanOut fanOut;
    @Autowired
    MeterRegistry meters;

    @Test
    void aCredentialThatHoldsIsUpgradedDirectlyAndChargedToItsKey() throws IOException {
        String token = StreamCredentials.jwt(SECRET, "direct-reader", "read stream", Instant.now().plusSeconds(600));
        double direct = upgrades("direct");
        double webflux = upgrades("webflux");
        int upgraded = 0;
        StreamCredentials.Answer refused = null;
        // Bursts of twice the rate (4): the fifth upgrade within a second finds the key's budget spent.
        for (int i = 0; i < 8 && refused == null; i++) {
            StreamCredentials.Answer answer = StreamCredentials.upgrade(port, "/ws",
                    Map.of("Authorization", "Bearer " + token));
            if (answer.status() == 101) {
                upgraded++;
            } else {
                refused = answer;
            }
        }
        assertThat(upgraded).isBetween(4, 7);
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("\"code\":\"rate_limited\"").contains("Too many requests for jwt:direct-reader");
        assertThat(upgrades("direct")).isEqualTo(direct + upgraded);
        assertThat(upgrades("webflux")).isEqualTo(webflux);
        await().atMost(Duration.ofSeconds(5)).until(() -> fanOut.connections() == 0);
    }

    @Test
    void aCredentialThatDoesNotHoldIsAnsweredByTheFilters() throws IOException {
        double direct = upgrades("direct");
        StreamCredentials.Answer answer = StreamCredentials.upgrade(port, "/ws?token=not-a-token", Map.of());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("\"code\"");
        String readOnly = StreamCredentials.jwt(SECRET, "rest-only", "read", Instant.now().plusSeconds(600));
        assertThat(StreamCredentials.upgrade(port, "/ws", Map.of("Authorization", "Bearer " + readOnly)).status())
                .isEqualTo(403);
        assertThat(upgrades("direct")).isEqualTo(direct);
    }

    private double upgrades(String path) {
        return meters.counter("tickhub.stream.upgrades", "path", path).count();
    }
}
