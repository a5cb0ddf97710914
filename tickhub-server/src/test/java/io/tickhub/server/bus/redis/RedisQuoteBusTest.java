package io.tickhub.server.bus.redis;

import io.lettuce.core.RedisClient;
import io.tickhub.core.bus.QuoteBus;
import io.tickhub.core.bus.QuoteBusContract;
import io.tickhub.core.testing.RecordingListener;
import io.tickhub.server.testing.EmbeddedRedis;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bus contract on a real Redis server (embedded-redis), each test on a channel of its own. */
class RedisQuoteBusTest extends QuoteBusContract {

    static EmbeddedRedis redis;
    static RedisClient client;
    static final AtomicInteger channels = new AtomicInteger();

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
        client = RedisClient.create(redis.url());
    }

    @AfterAll
    static void stopRedis() {
        client.shutdown();
        redis.close();
    }

    @Override
    protected QuoteBus newBus() {
        return new RedisQuoteBus(client, "quotes-" + channels.incrementAndGet(), (listener, e) -> { });
    }

    @Override
    protected void awaitDelivered(RecordingListener listener, int quotes) {
        awaitReceivedAndFlushed(listener, quotes, DEFAULT_DELIVERY_TIMEOUT);
    }
}
