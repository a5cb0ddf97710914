package io.tickhub.server.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The latest-price cache ({@code tickhub.cache.*}).
 *
 * @param type {@code memory} (the book only, default) or {@code redis}: also the shared cache in
 *             Redis that systems A and B's services read ({@code tickhub.redis.url})
 * @param ttl  how long a cached price lives in Redis (system B's {@code REDIS_TTL}, 300 s)
 */
public record CacheProperties(
        @DefaultValue("memory") @NotNull Type type,
        @DefaultValue("300s") Duration ttl) {

    public enum Type { MEMORY, REDIS }

    public CacheProperties {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("tickhub.cache.ttl must be > 0, was " + ttl);
        }
    }
}
