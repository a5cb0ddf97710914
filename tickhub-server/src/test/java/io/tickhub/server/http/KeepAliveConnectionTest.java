package io.tickhub.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.server.HubTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that reuses one connection and sends its next request before the hub has finished the last
 * one (pipelining, or just a prompt keep-alive client) gets every answer. Reactor Netty 1.3.6 stopped
 * reading such a connection once its queue drained without a request (reactor-netty#4347), so the next
 * request sat unread until the client gave up: our suite's rare hang. Each round mixes a route that answers
 * on another thread (the store) with ones that answer at once, the mix that drained the queue wrongly.
 */
@HubTest
class KeepAliveConnectionTest {

    private static final int ROUNDS = 200;

    @LocalServerPort
    int port;

    @Test
    void everyPipelinedRequestOnOneConnectionIsAnswered() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int round = 0; round < ROUNDS; round++) {
                String batch = get("/api/v1/history/KEEPALIVE") + get("/health") + get("/api/v1/symbols");
                out.write(batch.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readResponses(in, 3)).as("answers in round %d", round).isEqualTo(3);
            }
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n";
    }

    /** Counts the complete responses that arrive within the socket's timeout, up to {@code expected}. */
    private static int readResponses(InputStream in, int expected) throws IOException {
        // Netty's own HTTP decoder frames the responses (Content-Length or chunked), so no parsing here.
        EmbeddedChannel decoder = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
        byte[] buffer = new byte[8192];
        int answered = 0;
        try {
            while (answered < expected) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                decoder.writeInbound(Unpooled.copiedBuffer(buffer, 0, read));
                for (FullHttpResponse response; (response = decoder.readInbound()) != null; answered++) {
                    assertThat(response.status().code()).isEqualTo(200);
                    response.release();
                }
            }
        } catch (SocketTimeoutException unanswered) {
            // answered says how far it got
        } finally {
            decoder.finishAndReleaseAll();
        }
        return answered;
    }
}
