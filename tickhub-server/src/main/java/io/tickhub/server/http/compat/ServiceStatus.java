package io.tickhub.server.http.compat;

import com.fasterxml.jackson.annotation.JsonProperty;

/** System D's {@code GET /} status object. */
public record ServiceStatus(
        String status,
        String service,
        String version,
        @JsonProperty("finnhub_connected") boolean finnhubConnected,
        @JsonProperty("active_clients") int activeClients,
        @JsonProperty("active_subscriptions") int activeSubscriptions) {
}
