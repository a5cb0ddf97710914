package io.tickhub.core.fanout;

import java.time.Duration;

/**
 * Limits every streaming connection lives by.
 *
 * @param bufferMessages      outbound messages a connection may have waiting before it is conflated
 * @param slowConsumerTimeout how long a connection may stay conflated before it is closed with 4008
 * @param heartbeatInterval   a {@code heartbeat} and a ping go out after this long without traffic;
 *                            no pong for two intervals closes the connection
 * @param maxSymbols          symbols one connection may subscribe to
 */
public record StreamSettings(int bufferMessages, Duration slowConsumerTimeout, Duration heartbeatInterval,
                             int maxSymbols) {

    public StreamSettings {
        if (bufferMessages < 16) {
            throw new IllegalArgumentException("buffer-messages must be >= 16, was " + bufferMessages);
        }
        if (slowConsumerTimeout.isNegative() || slowConsumerTimeout.isZero()) {
            throw new IllegalArgumentException("slow-consumer-timeout must be > 0");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeat-interval must be > 0");
        }
        if (maxSymbols < 1) {
            throw new IllegalArgumentException("max-symbols must be >= 1, was " + maxSymbols);
        }
    }

    public static StreamSettings defaults() {
        return new StreamSettings(1024, Duration.ofSeconds(10), Duration.ofSeconds(15), 1000);
    }

    /** Hard cap of the queue: room for replies and markers beyond the conflation threshold. */
    int queueCapacity() {
        return Integer.highestOneBit(bufferMessages * 2 - 1) * 2;
    }
}
