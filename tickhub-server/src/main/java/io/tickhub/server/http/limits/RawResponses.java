package io.tickhub.server.http.limits;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Whole HTTP/1.1 responses as bytes, for answers written below the HTTP codec: to a connection
 * refused before its request was read, or one whose request never arrived. Always
 * {@code Connection: close} and a FastAPI-shaped {@code {"detail": ...}} body, the shape of every
 * route outside {@code /api/v1/} (no path is known yet).
 */
final class RawResponses {

    private RawResponses() {
    }

    static ByteBuf json(int status, String reason, String detail) {
        String body = "{\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "Connection: close\r\n\r\n";
        return Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), bytes);
    }
}
