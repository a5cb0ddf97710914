package io.tickhub.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

/**
 * A whole hub on a random port with the simulator off and a {@link io.tickhub.core.testing.ManualClock},
 * so tests decide every quote and every timestamp. Test classes with the same extra properties
 * share one running hub: give each test its own symbols. The client waits 30 s for an answer, longer than
 * the 10 s after which a route that waits for the store answers 503, so a slow store shows as that 503.
 * Yahoo is pointed at a closed local port, so a route that fetches live never reaches the internet.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tickhub.simulator.enabled=false", "tickhub.history-size=50",
                // Nothing leaves 127.0.0.1: a live fetch of the default provider (yfinance) is refused at once.
                "tickhub.providers.yahoo.base-url=http://127.0.0.1:9"})
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestHubConfig.class)
public @interface HubTest {
}
