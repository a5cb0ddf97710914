package io.tickhub.server.provider.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Stateless, thread-safe: reads an HTTP {@code Retry-After} header (RFC 9110 §10.2.3).
 *
 * <p>The header is either a number of seconds ({@code 120}) or an HTTP date
 * ({@code Wed, 21 Oct 2015 07:28:00 GMT}). A date is turned into a wait from {@code now}, so the
 * hub's injected clock, not the machine's, decides how long is left.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * How long the upstream asked us to wait, never negative, or {@code null} when the header is
     * absent or unreadable (the retry policy then uses its own backoff).
     */
    public static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException tooLong) {
                return null;
            }
        }
        try {
            Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, until);
            // A date in the past (clock skew between us and the upstream) means "now", not "never".
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
