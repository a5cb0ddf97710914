package io.tickhub.server.http.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The single {@code /health}: the union of what systems C, D and E report, plus the hub's own
 * provider and book state.
 *
 * @param status             {@code healthy} (D/E's word; C said {@code ok}) or {@code degraded}
 *                           when an enabled provider is failing or rate limited, the database is
 *                           unreachable, a polled symbol is stale, or a bus consumer thread stopped
 * @param schedulerRunning   C: the hub's scheduler (simulator ticks, polling jobs) is running
 * @param finnhubConnection  D: {@code connected} or {@code disconnected}
 * @param clients            D: open streaming connections
 * @param subscriptions      D: symbols anyone is subscribed to (D counted its symbol map, not connections)
 * @param subscribedSymbols  D: symbols anyone is subscribed to
 * @param symbols            symbols in the book
 * @param providers          every provider's state
 * @param database           the store: reachable or not, and its writer's backlog and losses
 * @param staleSymbols       symbols whose expected providers all went quiet (k of their intervals)
 * @param failedOver         symbols served by a provider other than their preferred one, and by which
 * @param stoppedThreads     bus and worker consumer threads that stopped unasked, with the cause; the
 *                           node is then also broken for {@code /actuator/health/liveness}
 * @param uptimeSeconds      seconds since the hub started
 * @param version            hub version
 */
public record HealthReport(
        String status,
        @JsonProperty("scheduler_running") boolean schedulerRunning,
        @JsonProperty("finnhub_connection") String finnhubConnection,
        int clients,
        int subscriptions,
        @JsonProperty("subscribed_symbols") SortedSet<String> subscribedSymbols,
        int symbols,
        List<ProviderView> providers,
        DatabaseHealth database,
        @JsonProperty("stale_symbols") List<String> staleSymbols,
        @JsonProperty("failed_over") Map<String, String> failedOver,
        @JsonProperty("stopped_threads") Map<String, String> stoppedThreads,
        @JsonProperty("uptime_seconds") long uptimeSeconds,
        String version) {
}
