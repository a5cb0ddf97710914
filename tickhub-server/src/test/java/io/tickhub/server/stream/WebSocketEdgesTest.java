package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.TestHubConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * RFC 6455 at its edges, with frames built by hand on a bare socket, on every WebSocket endpoint:
 * a message over max-frame-bytes closes with 1009 however it is fragmented, text that is not
 * UTF-8 with 1007, RSV bits without an extension with 1002. Each close ends the socket and
 * releases the connection, and none is logged as the hub's error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.history-size=50", "tickhub.stream.max-frame-bytes=4096",
        "tickhub.stream.heartbeat-interval=10m"})
@Import(TestHubConfig.class)
@ExtendWith(OutputCaptureExtension.class)
class WebSocketEdgesTest {

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    FanOut fanOut;
    @Autowired
    OutboundBudget budget;
    @Autowired
    MeterRegistry meters;

    private final Random random = new Random(16);

    @BeforeEach
    void knownTicker() {
        if (!known) {
            feed.price("EDGE", 10); // /ws/EDGE (system E's per-ticker stream) needs a ticker the hub knows
            known = true;
        }
    }

    private static boolean known;

    @ParameterizedTest
    @ValueSource(strings = {"/ws", "/ws/prices", "/ws/news", "/ws/EDGE"})
    void messageOverTheLimitInSmallFragmentsClosesWith1009(String path, CapturedOutput log) throws IOException {
        try (RawWebSocket ws = open(path)) {
            byte[] part = "x".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            sendQuietly(ws, false, 0, RawWebSocket.TEXT, part);
            for (int i = 0; i < 4; i++) {
                sendQuietly(ws, i == 3, 0, RawWebSocket.CONTINUATION, part);
            }
            assertThat(ws.awaitEnd()).isEqualTo(1009);
        }
        assertReleasedAndNotLogged(log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ws", "/ws/prices", "/ws/news", "/ws/EDGE"})
    void oneFrameOverTheLimitClosesWith1009(String path, CapturedOutput log) throws IOException {
        try (RawWebSocket ws = open(path)) {
            sendQuietly(ws, true, 0, RawWebSocket.TEXT, "y".repeat(5000).getBytes(StandardCharsets.US_ASCII));
            assertThat(ws.awaitEnd()).isEqualTo(1009);
        }
        assertReleasedAndNotLogged(log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ws", "/ws/prices", "/ws/news", "/ws/EDGE"})
    void textThatIsNotUtf8ClosesWith1007(String path, CapturedOutput log) throws IOException {
        try (RawWebSocket ws = open(path)) {
            sendQuietly(ws, true, 0, RawWebSocket.TEXT, new byte[] {'{', (byte) 0xC3, 0x28, '}'});
            assertThat(ws.awaitEnd()).isEqualTo(1007);
        }
        assertReleasedAndNotLogged(log);
    }

    @Test
    void invalidUtf8SplitAcrossFragmentsClosesWith1007(CapturedOutput log) throws IOException {
        try (RawWebSocket ws = open("/ws")) {
            // A three-byte sequence cut after its lead bytes, continued by a byte that cannot follow them.
            sendQuietly(ws, false, 0, RawWebSocket.TEXT, new byte[] {'"', (byte) 0xE2, (byte) 0x82});
            sendQuietly(ws, true, 0, RawWebSocket.CONTINUATION, new byte[] {0x28, '"'});
            assertThat(ws.awaitEnd()).isEqualTo(1007);
        }
        assertReleasedAndNotLogged(log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ws", "/ws/prices", "/ws/news", "/ws/EDGE"})
    void rsvBitWithoutAnExtensionClosesWith1002(String path, CapturedOutput log) throws IOException {
        try (RawWebSocket ws = open(path)) {
            sendQuietly(ws, true, RawWebSocket.RSV1, RawWebSocket.TEXT, "ping".getBytes(StandardCharsets.US_ASCII));
            assertThat(ws.awaitEnd()).isEqualTo(1002);
        }
        assertReleasedAndNotLogged(log);
    }

    @Test
    void fragmentedMessageUnderTheLimitIsOneMessage() throws IOException {
        try (RawWebSocket ws = open("/ws")) {
            ws.send(false, 0, RawWebSocket.TEXT, "{\"action\":\"pi".getBytes(StandardCharsets.US_ASCII));
            ws.send(false, 0, RawWebSocket.CONTINUATION, ("ng\",\"id\":\"" + "z".repeat(3000)).getBytes(StandardCharsets.US_ASCII));
            ws.send(true, 0, RawWebSocket.CONTINUATION, "\"}".getBytes(StandardCharsets.US_ASCII));
            assertThat(ws.next("pong")).contains("\"id\":\"zzz");
            ws.send(true, 0, RawWebSocket.TEXT, "{\"action\":\"ping\",\"id\":\"é\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(ws.next("pong")).contains("\"id\":\"é\"");
        }
    }

    @Test
    void resumeSeqPastTheLongRangeGetsAnErrorFrameAndTheConnectionStays() throws IOException {
        try (RawWebSocket ws = open("/ws")) {
            ws.sendText("{\"action\":\"subscribe\",\"symbols\":[\"EDGE\"],\"resume\":{\"EDGE\":18446744073709551616}}");
            assertThat(ws.next("\"type\":\"error\"")).contains("bad_request").contains("resume.EDGE");
            ws.sendText("{\"action\":\"ping\",\"id\":7}");
            assertThat(ws.next("pong")).contains("\"id\":7");
        }
    }

    private RawWebSocket open(String path) throws IOException {
        return RawWebSocket.connect(port, path, 0, random);
    }

    /** Sends, unless the hub has already closed: frames after its close may meet a reset, which is the point. */
    private static void sendQuietly(RawWebSocket ws, boolean fin, int rsv, int opcode, byte[] payload) {
        try {
            ws.send(fin, rsv, opcode, payload);
        } catch (IOException e) {
            // closed under us
        }
    }

    private void assertReleasedAndNotLogged(CapturedOutput log) {
        await().atMost(Duration.ofSeconds(5)).until(() -> fanOut.connections() == 0 && budget.sockets() == 0);
        assertThat(log.getOut() + log.getErr()).doesNotContain(" ERROR ").doesNotContain("Exception");
    }
}
