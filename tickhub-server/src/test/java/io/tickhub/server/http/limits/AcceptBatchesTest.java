package io.tickhub.server.http.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.Test;

/** The listening socket accepts a whole herd's worth of connections per turn of its event loop, not Netty's 16. */
class AcceptBatchesTest {

    @Test
    void aListeningSocketAcceptsUpTo256ConnectionsPerRead() {
        NioServerSocketChannel listening = new NioServerSocketChannel();
        try {
            MaxMessagesRecvByteBufAllocator accepts =
                    (MaxMessagesRecvByteBufAllocator) listening.config().getRecvByteBufAllocator();
            assertThat(accepts.maxMessagesPerRead()).isEqualTo(16);

            HttpConnectionGuard.acceptInBatches(listening.config());

            assertThat(accepts.maxMessagesPerRead()).isEqualTo(HttpConnectionGuard.ACCEPTS_PER_READ).isEqualTo(256);
        } finally {
            listening.unsafe().closeForcibly();
        }
    }
}
