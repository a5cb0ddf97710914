package io.tickhub.server.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Polling jobs ({@code tickhub.jobs.*}).
 *
 * @param defaultProvider the provider of a job that names none (system B's {@code "provider": null})
 * @param maxSymbols      symbols one job may poll
 * @param maxJobs         jobs the hub keeps
 * @param backoffMax      the longest wait between polls of a failing symbol (system A: 60 s)
 * @param rateLimitPause  how long a rate-limited provider rests when the upstream does not say (no Retry-After)
 * @param tick            how often due polls are started and staleness is checked
 * @param lease           on Kafka (several ingest nodes): how long an ingest node holds a job without renewing;
 *                        renewed every third of it, so a dead node's jobs move within this time
 * @param nodeId          this node's name on its leases; empty for {@code <pid>@<host>}
 */
public record JobsProperties(
        @DefaultValue("yfinance") @NotBlank String defaultProvider,
        @DefaultValue("100") @Min(1) @Max(10_000) int maxSymbols,
        @DefaultValue("1000") @Min(1) @Max(100_000) int maxJobs,
        @DefaultValue("60s") Duration backoffMax,
        @DefaultValue("60s") Duration rateLimitPause,
        @DefaultValue("250ms") Duration tick,
        @DefaultValue("15s") Duration lease,
        @DefaultValue("") String nodeId) {

    public JobsProperties {
        positive("backoff-max", backoffMax);
        positive("rate-limit-pause", rateLimitPause);
        positive("tick", tick);
        positive("lease", lease);
        if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("tickhub.jobs.lease must be at least 3s (renewed every third), was " + lease);
        }
    }

    /** {@link #nodeId}, or the JVM's {@code <pid>@<host>}, unique per process on a host. */
    public String node() {
        return nodeId.isBlank() ? java.lang.management.ManagementFactory.getRuntimeMXBean().getName() : nodeId;
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("tickhub.jobs." + name + " must be > 0, was " + d);
        }
    }
}
