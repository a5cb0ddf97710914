package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.FrameSink;
import io.tickhub.core.fanout.Json;
import io.tickhub.core.fanout.SseFrames;
import java.io.ByteArrayOutputStream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * An SSE response as a {@link FrameSink}: the events of one drain are gathered and handed to the
 * response as one buffer, so a drain costs one write and one flush. Called on the channel's event
 * loop only (the connection's writer), which makes the unicast sink's single-producer rule hold.
 *
 * <p>SSE has no pings a client answers: a comment line goes out instead, and a channel that is
 * still open counts as alive. Close codes go out as a final {@code close} event before the
 * response ends, since SSE has no close frame.
 */
final class SseFrameSink implements FrameSink {

    private final Channel channel;
    private final DataBufferFactory buffers;
    private final Sinks.Many<DataBuffer> out = Sinks.many().unicast().onBackpressureBuffer();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(4096);
    private volatile Connection connection;

    SseFrameSink(Channel channel, DataBufferFactory buffers) {
        this.channel = channel;
        this.buffers = buffers;
    }

    /** The connection this sink writes for (it is created with the sink, so it is attached after). */
    void attach(Connection connection) {
        this.connection = connection;
    }

    /** The response body: one buffer per drain. */
    Flux<DataBuffer> body() {
        return out.asFlux();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
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
        StringBuilder json = new StringBuilder("{\"type\":\"close\"");
        Json.field(json, "code").append(code);
        Json.field(json, "reason");
        Json.string(json, reason);
        write(SseFrames.wrap(Json.utf8(json.append('}'))));
        flush();
        out.tryEmitComplete();
    }
}
