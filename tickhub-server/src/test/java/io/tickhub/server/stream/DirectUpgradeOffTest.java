package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.TestHubConfig;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * {@code tickhub.stream.direct-upgrade=false}: every {@code /ws} upgrade, the plainest included,
 * goes through WebFlux and its filters, and the protocol is the same there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.history-size=50", "tickhub.stream.heartbeat-interval=10m",
        "tickhub.stream.warm-up-connections=0", "tickhub.stream.direct-upgrade=false"})
@Import(TestHubConfig.class)
class DirectUpgradeOffTest {

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    FanOut fanOut;
    @Autowired
    MeterRegistry meters;

    @Test
    void turnedOffEveryUpgradeIsWebFluxsAndServesTheProtocol() throws Exception {
        feed.price("OFFPATH", 10);
        double direct = upgrades("direct");
        double webflux = upgrades("webflux");
        try (RawWebSocket ws = RawWebSocket.connect(port, "/ws?format=compact&batch=1", 0, new Random(18))) {
            assertThat(ws.next("connected")).contains("\"epoch\"");
            ws.sendText("{\"action\":\"subscribe\",\"symbols\":[\"OFFPATH\"]}");
            assertThat(ws.next("\"snapshot\":true")).contains("\"s\":\"OFFPATH\"");
            feed.price("OFFPATH", 11);
            assertThat(ws.next("\"p\":11")).contains("\"s\":\"OFFPATH\"");
            assertThat(upgrades("webflux")).isEqualTo(webflux + 1);
            assertThat(upgrades("direct")).isEqualTo(direct);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> fanOut.connections() == 0);
    }

    private double upgrades(String path) {
        return meters.counter("tickhub.stream.upgrades", "path", path).count();
    }
}
