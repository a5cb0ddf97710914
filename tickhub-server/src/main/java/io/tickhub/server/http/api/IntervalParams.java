package io.tickhub.server.http.api;

import io.tickhub.core.analytics.BarInterval;
import io.tickhub.server.http.error.ApiException;
import io.tickhub.server.http.error.InvalidParam;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The {@code interval} query parameter: a bar interval code, or a 422 listing the valid ones. */
final class IntervalParams {

    private IntervalParams() {
    }

    static BarInterval optional(String raw, BarInterval absent) {
        if (raw == null) {
            return absent;
        }
        return BarInterval.parse(raw.trim()).orElseThrow(() -> ApiException.invalid(InvalidParam.query("interval",
                "enum", "Input should be " + Arrays.stream(BarInterval.values()).map(i -> "'" + i.code() + "'")
                        .collect(Collectors.joining(", ")), raw)));
    }
}
