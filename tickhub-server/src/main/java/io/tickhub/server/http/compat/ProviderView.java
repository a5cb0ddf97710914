package io.tickhub.server.http.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tickhub.core.provider.ProviderStatus;
import io.tickhub.core.quote.Timestamps;
import java.util.Locale;

/** A provider's state as the API shows it. */
public record ProviderView(
        String name,
        String state,
        @JsonProperty("last_success") String lastSuccess,
        @JsonProperty("last_error") String lastError,
        String message,
        long quotes,
        @JsonProperty("rate_limited_until") String rateLimitedUntil) {

    public static ProviderView of(ProviderStatus status) {
        return new ProviderView(status.name(), status.state().name().toLowerCase(Locale.ROOT),
                Timestamps.iso(status.lastSuccess()), Timestamps.iso(status.lastError()), status.message(),
                status.quotes(), Timestamps.iso(status.rateLimitedUntil()));
    }
}
