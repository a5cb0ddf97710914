package io.tickhub.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/** A real Redis server (embedded-redis's bundled binary) on a free local port; stop and start it again to play an outage. */
public final class EmbeddedRedis implements AutoCloseable {

    private final int port;
    private final RedisServer server;

    private EmbeddedRedis(int port) throws IOException {
        this.port = port;
        this.server = new RedisServer(port);
    }

    public static EmbeddedRedis start() {
        try {
            EmbeddedRedis redis = new EmbeddedRedis(FreePorts.next());
            redis.server.start();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops the server (an outage); {@link #restart} brings it back on the same port. */
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void restart() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
