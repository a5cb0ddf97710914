package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.TestHubConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The native stream's direct upgrade ({@link DirectUpgrades}): a plain {@code /ws} upgrade is
 * taken by Netty and serves the whole protocol; a request it must not take (a credential, a
 * foreign origin, a proxy's header, a second request on a keep-alive connection) is answered by
 * WebFlux with its filters; past the address's cap it answers 429 itself with the route's body;
 * every way a connection ends gives back its connection and its place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.history-size=50", "tickhub.stream.heartbeat-interval=10m",
        "tickhub.limits.connections.max-streams-per-address=3", "tickhub.stream.warm-up-connections=0"})
@Import(TestHubConfig.class)
class DirectUpgradeTest {

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    FanOut fanOut;
    @Autowired
    StreamAdmission admission;
    @Autowired
    MeterRegistry meters;

    private final Random random = new Random(18);
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAndAwaitRelease() throws Exception {
        for (AutoCloseable socket : opened) {
            socket.close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> fanOut.connections() == 0 && admission.admitted() == 0);
    }

    @Test
    void aPlainUpgradeIsTakenDirectlyAndServesTheProtocol() throws IOException {
        feed.price("DIRECT", 10);
        double direct = upgrades("direct");
        double webflux = upgrades("webflux");
        RawWebSocket ws = open("/ws?format=compact&batch=1");
        assertThat(ws.next("connected")).contains("\"epoch\"");
        // A subscribe in two fragments is one message.
        ws.send(false, 0, RawWebSocket.TEXT, "{\"action\":\"subscribe\",".getBytes(StandardCharsets.UTF_8));
        ws.send(true, 0, RawWebSocket.CONTINUATION, "\"symbols\":[\"DIRECT\"]}".getBytes(StandardCharsets.UTF_8));
        assertThat(ws.next("\"snapshot\":true")).contains("\"s\":\"DIRECT\"");
        feed.price("DIRECT", 11);
        assertThat(ws.next("\"p\":11")).contains("\"s\":\"DIRECT\"");
        ws.send(true, 0, RawWebSocket.PING, "are you there".getBytes(StandardCharsets.UTF_8));
        RawWebSocket.Frame pong = readUntil(ws, 0xA);
        assertThat(pong.text()).isEqualTo("are you there");
        assertThat(upgrades("direct")).isEqualTo(direct + 1);
        assertThat(upgrades("webflux")).isEqualTo(webflux);

        ws.send(true, 0, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8}); // 1000
        assertThat(ws.awaitEnd()).isEqualTo(1000);
        await().atMost(Duration.ofSeconds(5)).until(() -> fanOut.connections() == 0 && admission.admitted() == 0);
    }

    @Test
    void aClientThatVanishesGivesBackItsConnectionAndPlace() throws IOException {
        RawWebSocket ws = open("/ws");
        ws.next("connected");
        assertThat(fanOut.connections()).isEqualTo(1);
        ws.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> fanOut.connections() == 0 && admission.admitted() == 0);
    }

    @Test
    void pastTheAddressCapTheDirectPathAnswers429WithTheRoutesBody() throws IOException {
        for (int i = 0; i < 3; i++) {
            open("/ws").next("connected");
        }
        String answer = request(upgradeRequest("/ws", ""));
        assertThat(answer).startsWith("HTTP/1.1 429").contains("application/json")
                .contains("\"code\":\"stream_connections_per_address\"").contains("\"detail\":\"Too many streaming");
        assertThat(admission.admitted()).isEqualTo(3);
    }

    @Test
    void anUpgradeWithACredentialIsDecidedByTheFilters() throws IOException {
        double webflux = upgrades("webflux");
        String answer = request(upgradeRequest("/ws", "Authorization: Bearer not-a-key\r\n"));
        assertThat(answer).startsWith("HTTP/1.1 401").contains("WWW-Authenticate");
        assertThat(request(upgradeRequest("/ws?token=thk_nope_nope", ""))).startsWith("HTTP/1.1 401");
        assertThat(upgrades("webflux")).isEqualTo(webflux);
    }

    @Test
    void aForeignOriginIsRefusedByTheFilters() throws IOException {
        String answer = request(upgradeRequest("/ws", "Origin: https://evil.example\r\n"));
        assertThat(answer).startsWith("HTTP/1.1 403").contains("cross_origin");
    }

    @Test
    void aForwardedUpgradeGoesThroughWebFluxWhichReadsTheProxysHeaders() throws IOException {
        double webflux = upgrades("webflux");
        double direct = upgrades("direct");
        // Forwarded from elsewhere: no longer local, so protected mode refuses it (no key configured).
        String answer = request(upgradeRequest("/ws", "X-Forwarded-For: 203.0.113.9\r\n"));
        assertThat(answer).startsWith("HTTP/1.1 403").contains("protected_mode");
        assertThat(upgrades("direct")).isEqualTo(direct);
        assertThat(upgrades("webflux")).isEqualTo(webflux);
    }

    @Test
    void anUpgradeAfterAnotherRequestOnTheSameConnectionIsWebFluxs() throws IOException {
        double webflux = upgrades("webflux");
        try (Socket socket = socket()) {
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String health = readResponse(socket.getInputStream());
            assertThat(health).startsWith("HTTP/1.1 200");
            socket.getOutputStream().write(upgradeRequest("/ws", "").getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
            await().atMost(Duration.ofSeconds(5)).until(() -> upgrades("webflux") == webflux + 1);
        }
    }

    private double upgrades(String path) {
        return meters.counter("tickhub.stream.upgrades", "path", path).count();
    }

    private RawWebSocket open(String path) throws IOException {
        RawWebSocket ws = RawWebSocket.connect(port, path, 0, random);
        opened.add(ws);
        return ws;
    }

    private static RawWebSocket.Frame readUntil(RawWebSocket ws, int opcode) throws IOException {
        for (int i = 0; i < 1000; i++) {
            RawWebSocket.Frame frame = ws.read();
            if (frame.opcode() == opcode) {
                return frame;
            }
        }
        throw new AssertionError("no frame of opcode " + opcode);
    }

    private String upgradeRequest(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    private Socket socket() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends {@code request} on a new connection; the whole answer, head and body. */
    private String request(String request) throws IOException {
        try (Socket socket = socket()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readResponse(socket.getInputStream());
        }
    }

    private static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        int length = 0;
        boolean chunked = false;
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).strip());
            }
            chunked |= line.equalsIgnoreCase("Transfer-Encoding: chunked");
        }
        if (!chunked) {
            return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(readLine(in), 16); size > 0; size = Integer.parseInt(readLine(in), 16)) {
            body.write(in.readNBytes(size));
            readLine(in);
        }
        readLine(in);
        return head + body.toString(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
