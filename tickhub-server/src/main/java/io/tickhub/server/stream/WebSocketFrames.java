package io.tickhub.server.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Server-to-client WebSocket text frames built in one buffer (RFC 6455 §5.2: FIN and the text
 * opcode, the payload length in 7, 16 or 64 bits, no mask, then the payload). The fan-out writes
 * them below Netty's frame encoder ({@link NettyFrameSink}), so a message costs one copy into a
 * pooled direct buffer and no frame object, encoder pass or walk through the pipeline's handlers.
 */
final class WebSocketFrames {

    private static final int FIN_TEXT = 0x81;

    private WebSocketFrames() {
    }

    static ByteBuf text(ByteBufAllocator allocator, byte[] payload, int offset, int length) {
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf frame = allocator.directBuffer(header + length);
        frame.writeByte(FIN_TEXT);
        if (length < 126) {
            frame.writeByte(length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(126);
            frame.writeShort(length);
        } else {
            frame.writeByte(127);
            frame.writeLong(length);
        }
        frame.writeBytes(payload, offset, length);
        return frame;
    }
}
