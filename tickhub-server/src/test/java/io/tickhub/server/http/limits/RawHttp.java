package io.tickhub.server.http.limits;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket to 127.0.0.1, for requests no well-behaved client sends (bad
 * percent-encodings, huge lines, bytes one at a time) and for watching when the hub closes a socket.
 */
public final class RawHttp {

    /** A response as read: status (-1 when none came), content type, body. */
    public record Answer(int status, String contentType, String body, boolean closed) {
    }

    private RawHttp() {
    }

    static Socket open(int port, int readTimeoutMillis) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(readTimeoutMillis);
        return socket;
    }

    /** Sends {@code request} as is and reads one response; {@code closed} says whether the hub closed after it. */
    static Answer exchange(int port, String request, int readTimeoutMillis) throws IOException {
        try (Socket socket = open(port, readTimeoutMillis)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    public static String get(String target, String... headers) {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** Reads one response on a connection that stays open, without waiting to see it close. */
    public static Answer readOne(InputStream in) throws IOException {
        return read(in, false);
    }

    /** Reads one response, then whether the socket is closed after it (within the read timeout). */
    static Answer read(InputStream in) throws IOException {
        return read(in, true);
    }

    private static Answer read(InputStream in, boolean watchClose) throws IOException {
        EmbeddedChannel decoder = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 24));
        byte[] buffer = new byte[8192];
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        try {
            FullHttpResponse response = null;
            boolean eof = false;
            try {
                while (response == null) {
                    int read = in.read(buffer);
                    if (read < 0) {
                        eof = true;
                        try {
                            decoder.finish();
                            response = decoder.readInbound();
                        } catch (io.netty.handler.codec.CodecException incomplete) {
                            // A HEAD answer announces a body it does not send: keep its status line.
                            return new Answer(statusOf(raw.toString(StandardCharsets.ISO_8859_1)), null, "", true);
                        }
                        break;
                    }
                    raw.write(buffer, 0, read);
                    decoder.writeInbound(Unpooled.copiedBuffer(buffer, 0, read));
                    response = decoder.readInbound();
                }
            } catch (SocketTimeoutException | java.net.SocketException nothing) {
                eof = nothing instanceof java.net.SocketException;
            }
            if (response == null) {
                // No whole response: a HEAD answer (a length and no body), or nothing at all.
                return new Answer(statusOf(raw.toString(StandardCharsets.ISO_8859_1)), null, "", eof);
            }
            try {
                String contentType = response.headers().get("Content-Type");
                String body = response.content().toString(StandardCharsets.UTF_8);
                return new Answer(response.status().code(), contentType, body, eof || watchClose && closedAfter(in));
            } finally {
                response.release();
            }
        } finally {
            try {
                decoder.finishAndReleaseAll();
            } catch (io.netty.handler.codec.CodecException incomplete) {
                // already answered from the status line
            }
        }
    }

    private static int statusOf(String head) {
        String[] parts = head.split(" ", 3);
        try {
            return parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** True when the peer closes (EOF or reset) before the socket's read timeout. */
    static boolean closedAfter(InputStream in) throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }
}
