package io.tickhub.server.http.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.server.HubTest;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Past {@code tickhub.limits.connections.max}, a new connection is answered 503 with JSON and closed. */
@HubTest
@TestPropertySource(properties = {"tickhub.limits.connections.max=8", "tickhub.limits.connections.max-streams=2"})
@Timeout(60)
class ConnectionCapTest {

    @LocalServerPort
    int port;

    @Autowired
    HttpConnectionGuard guard;

    @Test
    void connectionsPastTheCapAre503AndTheHeldOnesStillServe() throws IOException {
        List<Socket> held = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> guard.openConnections() == 0);
            for (int i = 0; i < 8; i++) {
                held.add(RawHttp.open(port, 10_000));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> guard.openConnections() == 8);
            try (Socket refused = RawHttp.open(port, 10_000)) {
                RawHttp.Answer answer = RawHttp.read(refused.getInputStream());
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.contentType()).isEqualTo("application/json");
                assertThat(answer.body()).contains("maximum of 8 connections");
                assertThat(answer.closed()).isTrue();
            }
            // A connection it holds still gets answers.
            Socket first = held.get(0);
            first.getOutputStream().write(RawHttp.get("/health", "Accept: application/json").getBytes());
            assertThat(RawHttp.read(first.getInputStream()).status()).isEqualTo(200);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> guard.openConnections() == 0);
        RawHttp.Answer metrics = RawHttp.exchange(port, RawHttp.get("/actuator/prometheus", "Accept: text/plain",
                "Connection: close"), 10_000);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("tickhub_limits_refused_total\\{[^}]*limit=\"connections\"[^}]*} [1-9]");
    }

    @Test
    void streamsPastTheHubCapAre503() throws IOException {
        List<Socket> held = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> guard.openConnections() == 0);
            for (int i = 0; i < 2; i++) {
                Socket socket = RawHttp.open(port, 10_000);
                held.add(socket);
                socket.getOutputStream().write(HttpLimitsTest.upgrade("/ws/prices").getBytes());
                assertThat(HttpLimitsTest.statusLine(socket.getInputStream())).contains(" 101 ");
            }
            RawHttp.Answer sse = RawHttp.exchange(port, RawHttp.get("/api/v1/stream?symbols=CAP", "Connection: close"),
                    10_000);
            assertThat(sse.status()).isEqualTo(503);
            assertThat(sse.body()).contains("\"code\":\"stream_connections\"");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
