package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.server.HubTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The start-up warm-up goes through the real stream path: every session is upgraded, subscribes,
 * gets its answer and is closed, so the hub holds none of them afterwards.
 */
@HubTest
@TestPropertySource(properties = "tickhub.stream.warm-up-connections=24")
@Timeout(60)
class StreamWarmUpTest {

    @LocalServerPort
    int port;
    @Autowired
    StreamWarmUp warmUp;
    @Autowired
    FanOut fanOut;
    @Autowired
    MeterRegistry meters;

    @Test
    void theStartUpWarmUpRanItsSessionsThroughTheStreamAndLeftNoneOpen() {
        // The runner ran before the context was handed to this test: its sessions sent messages.
        assertThat(meters.get("tickhub.stream.messages.sent").counter().count()).isGreaterThanOrEqualTo(24);
        await().atMost(Duration.ofSeconds(10)).until(() -> fanOut.connections() == 0);
    }

    @Test
    void everyWarmUpSessionIsAnsweredInBothFormats() {
        StreamWarmUp.Result result = warmUp.warm(port, null);
        assertThat(result.firstFailure()).isNull();
        assertThat(result.completed()).isEqualTo(24);
        await().atMost(Duration.ofSeconds(10)).until(() -> fanOut.connections() == 0);
    }

    @Test
    void aSessionTheHubRefusesIsCountedAsFailedNotWaitedFor() {
        // A credential the hub does not know: every upgrade is refused (401), none hangs.
        StreamWarmUp.Result result = warmUp.warm(port, "Bearer thk_aaaaaaaaaaaa_" + "b".repeat(43));
        assertThat(result.completed()).isZero();
        assertThat(result.firstFailure()).isNotNull();
    }
}
