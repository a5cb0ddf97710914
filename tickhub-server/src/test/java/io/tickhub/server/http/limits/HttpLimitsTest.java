package io.tickhub.server.http.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.server.HubTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The HTTP port's limits, tried the way an attacker would on 127.0.0.1 with plain sockets: silent
 * connections, headers one byte at a time, idle keep-alive connections, oversized lines and headers,
 * many streams from one address. The timeouts are set low so each case ends within seconds; the
 * waits are for the hub's own timers, bounded by each socket's read timeout.
 */
@HubTest
@TestPropertySource(properties = {
        "tickhub.limits.connections.request-header-timeout=1s",
        "server.netty.idle-timeout=2s",
        "tickhub.limits.connections.max-streams-per-address=3",
        "server.netty.max-initial-line-length=1KB",
        "server.max-http-request-header-size=2KB"})
@Timeout(60)
class HttpLimitsTest {

    @LocalServerPort
    int port;

    @Test
    void aConnectionThatSendsNothingIsAnswered408AndClosed() throws IOException {
        try (Socket socket = RawHttp.open(port, 10_000)) {
            long start = System.nanoTime();
            RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.contentType()).isEqualTo("application/json");
            assertThat(answer.body()).startsWith("{\"detail\":\"Request headers not received");
            assertThat(answer.closed()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void headersSentOneByteAtATimeAreCutAtTheDeadline() throws Exception {
        try (Socket socket = RawHttp.open(port, 10_000)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            boolean cut = false;
            // A slowloris client: a byte every 200 ms, never the blank line. Every byte would reset an idle timer.
            for (int i = 0; i < 40 && !cut; i++) {
                try {
                    out.write('X');
                    out.flush();
                } catch (IOException closed) {
                    cut = true;
                }
                Thread.sleep(200);
                cut |= socket.getInputStream().available() > 0;
            }
            RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.closed()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aKeepAliveConnectionIdleBetweenRequestsIsClosed() throws IOException {
        try (Socket socket = RawHttp.open(port, 10_000)) {
            socket.getOutputStream().write(RawHttp.get("/health", "Accept: application/json")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();
            RawHttp.Answer answer = RawHttp.read(in);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.closed()).as("closed by the idle timeout").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(8));
        }
    }

    @Test
    void streamsOutliveTheIdleAndHeaderTimeouts() {
        // Streams of another test may still be giving their places back (per-address cap 3): retry the opening.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            try (Socket sse = RawHttp.open(port, 4_000); Socket ws = RawHttp.open(port, 4_000)) {
                sse.getOutputStream().write(RawHttp.get("/api/v1/stream?symbols=LIMITS_IDLE",
                        "Accept: text/event-stream").getBytes(StandardCharsets.US_ASCII));
                ws.getOutputStream().write(upgrade("/ws").getBytes(StandardCharsets.US_ASCII));
                assertThat(statusLine(sse.getInputStream())).contains(" 200 ");
                assertThat(statusLine(ws.getInputStream())).contains(" 101 ");
                // 4 s of client silence: twice the idle timeout, four times the header deadline.
                assertThat(RawHttp.closedAfter(sse.getInputStream())).as("SSE closed").isFalse();
                assertThat(RawHttp.closedAfter(ws.getInputStream())).as("WebSocket closed").isFalse();
            }
        });
    }

    @Test
    void aTooLongRequestLineIs414WithJson() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(port, RawHttp.get("/api/v1/quotes?symbols=" + "A,".repeat(1000)), 10_000);
        assertThat(answer.status()).isEqualTo(414);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo("{\"detail\":\"Request line too long\"}");
    }

    @Test
    void tooLargeHeadersAre431WithTheRoutesJson() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(port, RawHttp.get("/api/v1/quotes", "X-Big: " + "x".repeat(4096)), 10_000);
        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"status\":431").contains("\"detail\":\"Request headers too large\"");
    }

    @Test
    void anUndecodablePathIs400WithJson() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(port, RawHttp.get("/tickers/%zz"), 10_000);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo("{\"detail\":\"Malformed request\"}");
    }

    @Test
    void streamsPastTheCapPerAddressAreRefusedBeforeTheyStart() throws IOException {
        List<Socket> held = new ArrayList<>();
        try {
            for (String path : List.of("/api/v1/stream?symbols=LIMITS_CAP", "/ws", "/api/v1/stream?symbols=LIMITS_CAP")) {
                Socket socket = RawHttp.open(port, 10_000);
                held.add(socket);
                socket.getOutputStream().write((path.equals("/ws") ? upgrade(path) : RawHttp.get(path))
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(statusLine(socket.getInputStream())).containsAnyOf(" 200 ", " 101 ");
            }
            RawHttp.Answer sse = RawHttp.exchange(port, RawHttp.get("/api/v1/stream?symbols=LIMITS_CAP"), 10_000);
            assertThat(sse.status()).isEqualTo(429);
            assertThat(sse.contentType()).isEqualTo("application/problem+json");
            assertThat(sse.body()).contains("\"code\":\"stream_connections_per_address\"");
            RawHttp.Answer ws = RawHttp.exchange(port, upgrade("/ws"), 10_000);
            assertThat(ws.status()).isEqualTo(429);
            assertThat(ws.contentType()).isEqualTo("application/json");
            assertThat(ws.body()).contains("\"detail\":\"Too many streaming connections")
                    .contains("\"code\":\"stream_connections_per_address\"");
            assertThat(refused("stream_connections_per_address")).isGreaterThanOrEqualTo(2);

            held.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Socket again = RawHttp.open(port, 10_000)) {
                    again.getOutputStream().write(upgrade("/ws").getBytes(StandardCharsets.US_ASCII));
                    assertThat(statusLine(again.getInputStream())).contains(" 101 ");
                }
            });
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private double refused(String limit) throws IOException {
        String body = RawHttp.exchange(port, RawHttp.get("/actuator/prometheus", "Accept: text/plain",
                "Connection: close"), 10_000).body();
        return body.lines().filter(line -> line.startsWith("tickhub_limits_refused_total{")
                        && line.contains("limit=\"" + limit + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    static String upgrade(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /** The first line of the response, read byte by byte so that nothing after it is consumed. */
    static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString();
    }
}
