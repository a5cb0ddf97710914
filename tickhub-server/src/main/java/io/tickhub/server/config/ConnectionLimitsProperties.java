package io.tickhub.server.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many connections the hub holds and how long a connection may take to say what it wants
 * (docs/operations.md, Limits). Bound on its own prefix, beside {@link TickhubProperties}, so that other
 * {@code tickhub.limits.*} groups can be added without touching it.
 *
 * @param max                   open TCP connections on the HTTP port; 0 derives it from the process's
 *                              descriptor limit at start-up (see {@code ConnectionBudget})
 * @param maxStreams            WebSocket and Server-Sent Events connections on this hub, together
 * @param maxStreamsPerAddress  WebSocket and Server-Sent Events connections from one remote address
 * @param requestHeaderTimeout  how long a request's line and headers may take to arrive, counted from the
 *                              connection's opening or from the request's first byte; then 408 and a close
 */
@Validated
@ConfigurationProperties("tickhub.limits.connections")
public record ConnectionLimitsProperties(
        @DefaultValue("0") @Min(0) @Max(1_000_000) int max,
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int maxStreams,
        @DefaultValue("1000") @Min(1) @Max(1_000_000) int maxStreamsPerAddress,
        @DefaultValue("10s") Duration requestHeaderTimeout) {

    public ConnectionLimitsProperties {
        if (requestHeaderTimeout.isNegative() || requestHeaderTimeout.isZero()) {
            throw new IllegalArgumentException("tickhub.limits.connections.request-header-timeout must be > 0, was "
                    + requestHeaderTimeout);
        }
    }
}
