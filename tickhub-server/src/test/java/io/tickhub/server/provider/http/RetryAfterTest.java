package io.tickhub.server.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-01-02T14:30:00Z");

    @Test
    void secondsAreTheWait() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void anHttpDateIsTheWaitFromNow() {
        assertThat(RetryAfter.parse("Thu, 02 Jan 2025 14:35:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anHttpDateInThePastMeansRetryNow() {
        assertThat(RetryAfter.parse("Thu, 02 Jan 2025 14:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void anAbsentOrUnreadableHeaderGivesNoWait() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("  ", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isNull();
    }
}
