package io.tickhub.server.cache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Timestamps;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest price of every symbol and provider in Redis, where system B's services read it:
 * {@code latest_price_{SYMBOL}_{provider}} (and {@code latest_price_{SYMBOL}} for any provider),
 * B's JSON {@code {"symbol","price","timestamp","provider"}} plus {@code seq}, expiring after
 * the TTL ({@code REDIS_TTL}, 300 s). System A's {@code prices} hash holds each symbol's latest
 * the same way.
 *
 * <p>Written on the bus's delivery thread, conflated per batch (the newest per key) and pipelined
 * asynchronously, so the bus never waits for Redis. Reads are for {@code GET /prices/latest}
 * when the book has another provider's price. While Redis is down, writes and reads fail fast and
 * are counted; readers fall back to the store, and no client sees an error.
 */
public final class RedisLatestCache implements QuoteListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisLatestCache.class);
    static final String PRICES_HASH = "prices";
    private static final JsonMapper JSON = JsonMapper.shared();

    /** B's cached price point, plus the seq. */
    public record CachedPrice(String symbol, double price, String timestamp, String provider, long seq) {

        static CachedPrice of(Quote q) {
            return new CachedPrice(q.symbol(), q.price(), Timestamps.iso(q.providerTime()), q.provider(), q.seq());
        }

    }

    private final StatefulRedisConnection<String, String> connection;
    private final Duration ttl;
    private final Duration readTimeout;
    private final Map<String, Quote> pending = new LinkedHashMap<>();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong readFailures = new AtomicLong();

    public RedisLatestCache(RedisClient client, Duration ttl, Duration readTimeout) {
        this.connection = client.connect();
        this.ttl = ttl;
        this.readTimeout = readTimeout;
    }

    public static String key(String symbol, String provider) {
        return provider == null ? "latest_price_" + symbol : "latest_price_" + symbol + "_" + provider;
    }

    @Override
    public void onQuote(Quote quote) {
        pending.put(key(quote.symbol(), quote.provider()), quote);
    }

    @Override
    public void onBatchEnd() {
        if (pending.isEmpty()) {
            return;
        }
        RedisAsyncCommands<String, String> redis = connection.async();
        record Encoded(long seq, String json) {
        }
        Map<String, Encoded> newestPerSymbol = new LinkedHashMap<>();
        SetArgs expiry = SetArgs.Builder.px(ttl.toMillis());
        for (Map.Entry<String, Quote> e : pending.entrySet()) {
            Quote q = e.getValue();
            Encoded encoded = new Encoded(q.seq(), JSON.writeValueAsString(CachedPrice.of(q)));
            watch(redis.set(e.getKey(), encoded.json(), expiry));
            newestPerSymbol.merge(q.symbol(), encoded, (a, b) -> a.seq() >= b.seq() ? a : b);
        }
        // Each quote is encoded once: the symbol's newest is written again under its any-provider key.
        newestPerSymbol.forEach((symbol, newest) -> {
            watch(redis.set(key(symbol, null), newest.json(), expiry));
            watch(redis.hset(PRICES_HASH, symbol, newest.json()));
        });
        pending.clear();
    }

    /** The cached price of a symbol (of one provider, or of any when {@code provider} is null); empty when Redis is away. */
    public Optional<CachedPrice> latest(String symbol, String provider) {
        try {
            String json = connection.async().get(key(symbol, provider)).get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return json == null ? Optional.empty() : Optional.of(JSON.readValue(json, CachedPrice.class));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            if (readFailures.getAndIncrement() % 100 == 0) {
                log.warn("Redis cache read failed; answering from the store ({} failures so far): {}",
                        readFailures.get(), e.getMessage());
            }
            return Optional.empty();
        }
    }

    public long writeFailures() {
        return writeFailures.get();
    }

    public long readFailures() {
        return readFailures.get();
    }

    private void watch(io.lettuce.core.RedisFuture<?> future) {
        future.exceptionally(error -> {
            if (writeFailures.getAndIncrement() % 1000 == 0) {
                log.warn("Redis cache write failed ({} so far): {}", writeFailures.get(), error.getMessage());
            }
            return null;
        });
    }

    @Override
    public void close() {
        connection.close();
    }
}
