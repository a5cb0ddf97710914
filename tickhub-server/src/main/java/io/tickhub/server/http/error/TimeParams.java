package io.tickhub.server.http.error;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Time query parameters: ISO-8601 ({@code 2025-01-02T14:30:00Z}, an offset, or a date meaning its
 * UTC midnight) or epoch milliseconds. Anything else is a 422 naming the parameter.
 */
public final class TimeParams {

    private TimeParams() {
    }

    /** Earliest time a parameter may name: the store's timestamps and epoch microseconds hold years 1 to 9999. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest time a parameter may name. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    public static Instant optional(String name, String raw, Instant absent) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        Instant parsed = parse(name, raw);
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            throw ApiException.invalid(InvalidParam.query(name, "datetime_range",
                    "Input should be a time between 0001-01-01 and 9999-12-31", raw));
        }
        return parsed;
    }

    private static Instant parse(String name, String raw) {
        String value = raw.trim();
        try {
            if (value.chars().allMatch(Character::isDigit) || value.startsWith("-") && value.length() > 1
                    && value.substring(1).chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw ApiException.invalid(InvalidParam.query(name, "datetime_parsing",
                    "Input should be an ISO-8601 time (2025-01-02T14:30:00Z) or epoch milliseconds", raw));
        }
    }

    /** A half-open range {@code [from, to)} of the routes that page through stored rows. */
    public record Range(Instant from, Instant to) {
    }

    /** Latest instant a range may end at when {@code to} is omitted. */
    public static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * The {@code from}/{@code to} pair, each optional (the beginning, no end); a 422 naming the
     * parameter when one is not a time, or naming {@code to} when it is not after {@code from}.
     */
    public static Range range(String rawFrom, String rawTo) {
        Instant from = optional("from", rawFrom, Instant.EPOCH);
        Instant to = optional("to", rawTo, END_OF_TIME);
        if (!from.isBefore(to)) {
            throw ApiException.invalid(InvalidParam.query("to", "greater_than",
                    "Input should be later than from", rawTo));
        }
        return new Range(from, to);
    }
}
