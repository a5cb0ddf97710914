package io.tickhub.core.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request to poll a provider for some symbols on an interval (systems B and C's
 * {@code POST /prices/poll}). Stored, so jobs survive restarts.
 *
 * @param id        {@code poll_<8 hex>}
 * @param symbols   normalised, at least one
 * @param interval  time between polls, at least a second
 * @param provider  provider name
 * @param createdAt when it was accepted
 */
public record PollingJob(String id, List<String> symbols, Duration interval, String provider, Instant createdAt) {

    public PollingJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(createdAt, "createdAt");
        symbols = List.copyOf(symbols);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("a polling job needs at least one symbol");
        }
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a polling job's interval must be at least 1 s, was " + interval);
        }
    }
}
