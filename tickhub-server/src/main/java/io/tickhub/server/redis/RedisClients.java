package io.tickhub.server.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;

/**
 * The one Redis client of a node, shared by the Redis bus and the latest-price cache. While Redis
 * is down, commands fail at once instead of queueing without bound (the hub degrades to its own
 * book), and Lettuce reconnects and re-subscribes by itself when it is back.
 */
public final class RedisClients {

    private RedisClients() {
    }

    public static RedisClient create(String url, Duration commandTimeout) {
        RedisClient client = RedisClient.create(url);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        return client;
    }
}
