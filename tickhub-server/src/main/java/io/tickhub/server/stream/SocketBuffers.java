package io.tickhub.server.stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;

/**
 * What a stream channel may hold for its client before its writer stops: Netty's water marks and
 * the kernel's send buffer.
 *
 * <p>The kernel's buffer is fixed rather than left to Linux's autotuning, which grows it to
 * {@code net.ipv4.tcp_wmem}'s maximum (4 MB here) for a client that stops reading: that client then
 * takes megabytes of full-rate traffic (2.8 MB each, measured) before its writer even stops, and holds
 * that much kernel memory until it is closed. A fixed buffer bounds both; it also bounds one
 * connection's rate to about the buffer per round trip (256 KB in 50 ms: 5 MB/s), so a far client of a
 * busy {@code *} subscription may need more. Kafka's brokers fix theirs the same way
 * ({@code socket.send.buffer.bytes}, 100 KB).
 *
 * @param sendBufferBytes {@code SO_SNDBUF}; 0 leaves the kernel's autotuning on
 */
record SocketBuffers(WriteBufferWaterMark waterMark, int sendBufferBytes) {

    /** Applies both to a stream channel as it opens. */
    void apply(Channel channel) {
        channel.config().setWriteBufferWaterMark(waterMark);
        if (sendBufferBytes > 0) {
            try {
                channel.config().setOption(ChannelOption.SO_SNDBUF, sendBufferBytes);
            } catch (ChannelException closed) {
                // The socket closed as the stream opened: nothing will be sent on it, the release follows.
            }
        }
    }
}
