package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.TestHubConfig;
import io.tickhub.server.http.limits.RawHttp;
import io.tickhub.server.security.RawRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        RawRequest.Answer answer = upgrade(Map.of());
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.header("Content-Type")).contains("application/json");
        assertThat(answer.body()).contains("\"code\":\"stream_connections_per_address\"")
                .contains("\"detail\":\"Too many streaming");
        assertThat(admission.admitted()).isEqualTo(3);
    }

    @Test
    void anUpgradeWithACredentialIsDecidedByTheFilters() {
        double webflux = upgrades("webflux");
        RawRequest.Answer answer = upgrade(Map.of("Authorization", "Bearer not-a-key"));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isNotNull();
        assertThat(RawRequest.send(port, "GET", "/ws?token=thk_nope_nope", host(), RawRequest.UPGRADE).status())
                .isEqualTo(401);
        assertThat(upgrades("webflux")).isEqualTo(webflux);
    }

    @Test
    void aForeignOriginIsRefusedByTheFilters() {
        RawRequest.Answer answer = RawRequest.upgrade(port, "/ws", host(), "https://evil.example");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("cross_origin");
    }

    @Test
    void aForwardedUpgradeGoesThroughWebFluxWhichReadsTheProxysHeaders() {
        double webflux = upgrades("webflux");
        double direct = upgrades("direct");
        // Forwarded from elsewhere: no longer local, so protected mode refuses it (no key configured).
        RawRequest.Answer answer = upgrade(Map.of("X-Forwarded-For", "203.0.113.9"));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("protected_mode");
        assertThat(upgrades("direct")).isEqualTo(direct);
        assertThat(upgrades("webflux")).isEqualTo(webflux);
    }

    @Test
    void anUpgradeAfterAnotherRequestOnTheSameConnectionIsWebFluxs() throws IOException {
        double webflux = upgrades("webflux");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.get("/health").getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.readOne(socket.getInputStream()).status()).isEqualTo(200);
            String[] upgradeHeaders = RawRequest.UPGRADE.entrySet().stream()
                    .map(header -> header.getKey() + ": " + header.getValue()).toArray(String[]::new);
            out.write(RawHttp.get("/ws", upgradeHeaders).getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.readOne(socket.getInputStream()).status()).isEqualTo(101);
            await().atMost(Duration.ofSeconds(5)).until(() -> upgrades("webflux") == webflux + 1);
        }
    }

    /** A {@code /ws} upgrade with these headers besides the handshake's, on a connection of its own. */
    private RawRequest.Answer upgrade(Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(RawRequest.UPGRADE);
        headers.putAll(extra);
        return RawRequest.send(port, "GET", "/ws", host(), headers);
    }

    private String host() {
        return "127.0.0.1:" + port;
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
}
