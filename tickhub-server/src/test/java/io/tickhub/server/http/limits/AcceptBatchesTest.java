package io.tickhub.server.http.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.Test;

/**
 * The listening socket accepts every waiting connection (up to 256) per turn of its event loop: not
 * one (Netty stops after one accept unless the read "may have more data", which an accept never
 * reports), nor Netty's cap of 16.
 */
class AcceptBatchesTest {

    @Test
    void aListeningSocketAcceptsUntilTheBacklogIsEmptyUpTo256PerRead() {
        NioServerSocketChannel listening = new NioServerSocketChannel();
        try {
            MaxMessagesRecvByteBufAllocator accepts =
                    (MaxMessagesRecvByteBufAllocator) listening.config().getRecvByteBufAllocator();
            assertThat(accepts.maxMessagesPerRead()).isEqualTo(16);
            assertThat(((DefaultMaxMessagesRecvByteBufAllocator) accepts).respectMaybeMoreData()).isTrue();

            HttpConnectionGuard.acceptInBatches(listening.config());

            assertThat(accepts.maxMessagesPerRead()).isEqualTo(HttpConnectionGuard.ACCEPTS_PER_READ).isEqualTo(256);
            assertThat(((DefaultMaxMessagesRecvByteBufAllocator) accepts).respectMaybeMoreData())
                    .as("an accept never reports more data: respecting that would stop after one").isFalse();
        } finally {
            listening.unsafe().closeForcibly();
        }
    }
}
