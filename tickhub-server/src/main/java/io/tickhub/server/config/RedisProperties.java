package io.tickhub.server.config;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Redis server ({@code tickhub.redis.*}), used by the Redis bus and, when enabled, the shared
 * latest-price cache.
 *
 * @param url            {@code redis://[:password@]host:port[/db]} (or {@code rediss://} for TLS)
 * @param commandTimeout longest a command or a connect waits before it counts as failed
 */
public record RedisProperties(
        @DefaultValue("redis://localhost:6379") @NotBlank String url,
        @DefaultValue("2s") Duration commandTimeout) {

    public RedisProperties {
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("tickhub.redis.command-timeout must be > 0, was " + commandTimeout);
        }
    }
}
