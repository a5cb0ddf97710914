package io.tickhub.server.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stream channels the hub has started to close, each with a deadline on the hub's clock. A close
 * frame (or SSE {@code close} event) goes out first; a channel still open at its deadline is
 * closed hard: {@code SO_LINGER 0}, so the kernel drops its unsent bytes and the peer gets a reset,
 * and Netty fails and releases what its outbound buffer held. Without it a client that reads
 * nothing (its TCP window shut) never takes the close frame, and its socket, Netty's buffer and
 * the kernel's send queue stay until it reads again.
 *
 * <p>Deadlines are checked by the stream ticker ({@link StreamLifecycle}, ten times a second), so
 * a channel is gone at most 100 ms after its deadline. Thread-safe.
 */
public final class ClosingChannels {

    private final Clock clock;
    private final long timeoutMillis;
    private final ConcurrentHashMap<Channel, Long> deadlines = new ConcurrentHashMap<>();
    private final Counter hardCloses;

    public ClosingChannels(Clock clock, Duration closeTimeout, MeterRegistry meters) {
        this.clock = clock;
        this.timeoutMillis = closeTimeout.toMillis();
        this.hardCloses = Counter.builder("tickhub.stream.close.timeouts")
                .description("Stream sockets closed hard because the close did not finish within tickhub.stream.close-timeout")
                .register(meters);
        Gauge.builder("tickhub.stream.closing", deadlines, ConcurrentHashMap::size)
                .description("Stream sockets whose close is under way (closed hard at the close timeout)")
                .register(meters);
    }

    /** A close is under way on {@code channel}: from now it has the close timeout to finish. The first deadline stands. */
    public void closing(Channel channel) {
        if (!channel.isOpen()) {
            return;
        }
        if (deadlines.putIfAbsent(channel, clock.millis() + timeoutMillis) == null) {
            channel.closeFuture().addListener(done -> deadlines.remove(channel));
        }
    }

    /** Whether the hub has sent {@code channel} its close frame (and awaits the client's). */
    public boolean isClosing(Channel channel) {
        return deadlines.containsKey(channel);
    }

    /** The close finished with the channel kept open (an SSE response ended on a keep-alive connection). */
    public void finished(Channel channel) {
        deadlines.remove(channel);
    }

    /** Closes hard every channel past its deadline. Called by the stream ticker. */
    public void tick() {
        long now = clock.millis();
        deadlines.forEach((channel, deadline) -> {
            if (now >= deadline && deadlines.remove(channel, deadline)) {
                hardCloses.increment();
                closeHard(channel);
            }
        });
    }

    /** Channels whose close is under way. */
    public int size() {
        return deadlines.size();
    }

    /** Closes {@code channel} now, with a reset rather than a FIN, so no byte waits for its peer. */
    static void closeHard(Channel channel) {
        channel.eventLoop().execute(() -> {
            try {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (ChannelException e) {
                // Closed meanwhile: nothing left to drop.
            }
            channel.close();
        });
    }
}
