package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.Json;
import io.tickhub.core.fanout.SseFrames;
import io.tickhub.core.fanout.WireFormat;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * An SSE response as a {@link io.tickhub.core.fanout.FrameSink}: the events of one drain are
 * gathered and handed to the response as one buffer, so a drain costs one write and one flush.
 * Called on the channel's event loop only (the connection's writer), which makes the unicast
 * sink's single-producer rule hold.
 *
 * <p>The response takes buffers at its own pace, so what waits between the sink and Netty is
 * counted ({@link #queuedBytes}): past the channel's high-water mark the sink reports itself
 * unwritable, as Netty's buffer does, and the connection is conflated like any slow client.
 *
 * <p>SSE has no pings a client answers: a comment line goes out instead, and a channel that is
 * still open counts as alive. Close codes go out as a final {@code close} event before the
 * response ends, since SSE has no close frame; a client that does not take it within the close
 * timeout loses the socket ({@link ClosingChannels}).
 */
final class SseFrameSink implements TransportSink {

    private final Channel channel;
    private final DataBufferFactory buffers;
    private final OutboundBudget budget;
    private final ClosingChannels closing;
    private final Sinks.Many<DataBuffer> out = Sinks.many().unicast().onBackpressureBuffer();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(4096);
    private final AtomicLong queued = new AtomicLong();
    /** The sink said it was full because of its own queue: the response taking buffers must wake the writer. */
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Connection connection;
    private Runnable release = () -> { };

    SseFrameSink(Channel channel, DataBufferFactory buffers, OutboundBudget budget, ClosingChannels closing) {
        this.channel = channel;
        this.buffers = buffers;
        this.budget = budget;
        this.closing = closing;
    }

    /** The connection this sink writes for (it is created with the sink, so it is attached after). */
    void attach(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void releaseOnClose(Runnable release) {
        this.release = release;
    }

    /** The response body: one buffer per drain. */
    Flux<DataBuffer> body() {
        return out.asFlux().doOnNext(buffer -> {
            long left = queued.addAndGet(-buffer.readableByteCount());
            Connection writer = connection;
            if (left < channel.config().getWriteBufferLowWaterMark() && stopped.compareAndSet(true, false)
                    && writer != null) {
                writer.writable();
            }
        });
    }

    /** Bytes handed to the response that it has not taken yet. */
    long queuedBytes() {
        return queued.get();
    }

    @Override
    public boolean isWritable() {
        if (queued.get() >= channel.config().getWriteBufferHighWaterMark()) {
            stopped.set(true);
            // The response may have taken its buffers between the read and the flag, and then seen no
            // flag: the writer, which parks until woken, would wait forever. Read again after the flag.
            if (queued.get() >= channel.config().getWriteBufferLowWaterMark() || !stopped.compareAndSet(true, false)) {
                return false;
            }
        }
        return channel.isWritable() && budget.admits(channel);
    }

    @Override
    public void write(byte[] utf8) {
        pending.writeBytes(utf8);
    }

    @Override
    public void flush() {
        if (pending.size() == 0) {
            return;
        }
        queued.addAndGet(pending.size());
        out.tryEmitNext(buffers.wrap(pending.toByteArray()));
        pending.reset();
    }

    @Override
    public void ping() {
        if (!channel.isActive()) {
            return;
        }
        write(SseFrames.comment("ping"));
        flush();
        Connection alive = connection;
        if (alive != null) {
            alive.pong();
        }
    }

    @Override
    public void close(int code, String reason) {
        release.run();
        StringBuilder json = new StringBuilder("{\"type\":\"close\"");
        Json.field(json, "code").append(code);
        Json.field(json, "reason");
        Json.string(json, reason);
        Connection closed = connection;
        write(SseFrames.wrap(Json.utf8(json.append('}')), closed != null && closed.format() == WireFormat.SSE_NAMED));
        flush();
        closing.closing(channel);
        out.tryEmitComplete();
    }
}
