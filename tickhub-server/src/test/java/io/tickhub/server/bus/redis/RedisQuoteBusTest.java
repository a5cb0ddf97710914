package io.tickhub.server.bus.redis;

import io.lettuce.core.RedisClient;
import io.tickhub.core.bus.QuoteBus;
import io.tickhub.core.bus.QuoteBusContract;
import io.tickhub.core.testing.RecordingListener;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.embedded.RedisServer;

/** The bus contract on a real Redis server (embedded-redis), each test on a channel of its own. */
class RedisQuoteBusTest extends QuoteBusContract {

    static RedisServer redis;
    static RedisClient client;
    static final AtomicInteger channels = new AtomicInteger();

    @BeforeAll
    static void startRedis() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redis = new RedisServer(port);
        redis.start();
        client = RedisClient.create("redis://127.0.0.1:" + port);
    }

    @AfterAll
    static void stopRedis() throws IOException {
        client.shutdown();
        redis.stop();
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
