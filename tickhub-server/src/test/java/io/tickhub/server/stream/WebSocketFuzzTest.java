package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.fanout.BarFanOut;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.fanout.NewsFanOut;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.TestHubConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Random but seeded WebSocket traffic for a bounded time (15 s; {@code -Dtickhub.fuzz.seconds},
 * {@code -Dtickhub.fuzz.seed}) over four connections at once, while quotes flow: valid and
 * invalid JSON actions, random symbols and channels, subscribe/unsubscribe storms, binary frames,
 * huge and fragmented frames, invalid UTF-8, RSV bits. The hub must answer {@code /health}
 * without a 5xx throughout, end connections only with a documented close code, log no error,
 * and hold no subscription once every connection is gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false", "tickhub.history-size=50", "tickhub.stream.max-frame-bytes=4096",
        "tickhub.stream.heartbeat-interval=10m"})
@Import(TestHubConfig.class)
@ExtendWith(OutputCaptureExtension.class)
class WebSocketFuzzTest {

    private static final Set<Integer> DOCUMENTED = Set.of(1002, 1007, 1009, 4008, 4029);
    private static final String[] PATHS = {"/ws", "/ws", "/ws/prices", "/ws/news", "/ws/FZ0"};
    private static final String[] SYMBOLS = {"FZ0", "FZ1", "FZ2", "FZ3", "fz4", "*", "", "BAD SYMBOL", "A".repeat(40),
            "ÄÖ", "FZ0.X", "123"};
    private static final String[] CHANNELS = {"quotes", "news", "bars.1s", "bars.1m", "bars.1d", "bars.7x", "", "QUOTES"};

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    FanOut fanOut;
    @Autowired
    NewsFanOut news;
    @Autowired
    BarFanOut bars;
    @Autowired
    OutboundBudget budget;

    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    /** What each worker thread sent last on its connection, for the report of a failure. */
    private final ThreadLocal<String> lastSent = ThreadLocal.withInitial(() -> "");
    private volatile boolean running = true;

    @Test
    void randomTrafficEndsOnlyWithDocumentedCodesAndLeavesNothingSubscribed(CapturedOutput log) throws Exception {
        long seed = Long.getLong("tickhub.fuzz.seed", 16L);
        long seconds = Long.getLong("tickhub.fuzz.seconds", 15L);
        feed.price("FZ0", 10);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);

        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.ofPlatform().name("fuzz-quotes").start(() -> feedQuotes(new Random(seed))));
        threads.add(Thread.ofPlatform().name("fuzz-health").start(this::probeHealth));
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Random random = new Random(seed * 31 + i);
            workers.add(Thread.ofPlatform().name("fuzz-ws-" + i).start(() -> fuzz(random, deadline)));
        }
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(seconds + 60));
        }
        running = false;
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        assertThat(problems).as("seed " + seed).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> fanOut.connections() == 0 && budget.sockets() == 0);
        assertThat(fanOut.subscriptions()).isZero();
        assertThat(news.subscriptions()).isZero();
        assertThat(bars.subscriptions()).isZero();
        assertThat(fanOut.subscribedSymbols()).isEmpty();
        assertThat(log.getOut() + log.getErr()).as("nothing logged as the hub's error").doesNotContain(" ERROR ");
    }

    /** One connection after another until the deadline, each sent random frames. */
    private void fuzz(Random random, long deadline) {
        while (System.nanoTime() < deadline) {
            String path = PATHS[random.nextInt(PATHS.length)];
            lastSent.set("");
            try (RawWebSocket ws = RawWebSocket.connect(port, path, 0, random)) {
                CompletableFuture<Integer> end = CompletableFuture.supplyAsync(() -> readToEnd(ws));
                boolean violated = false;
                int frames = 1 + random.nextInt(60);
                for (int i = 0; i < frames && !violated && !end.isDone() && System.nanoTime() < deadline; i++) {
                    violated = sendRandom(ws, random);
                }
                if (!violated && !end.isDone()) {
                    sendQuietly(ws, true, 0, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8}); // 1000
                }
                int code = end.get(15, TimeUnit.SECONDS);
                boolean ours = !violated && code == 1000;
                if (!ours && !DOCUMENTED.contains(code)) {
                    problems.add(path + " ended with " + code + (violated ? " after a violation" : "")
                            + "; last sent: " + lastSent.get());
                }
            } catch (Exception e) {
                problems.add(path + ": " + e);
            }
        }
    }

    /** Sends one random thing; true when it breaks the protocol, so the hub must close. */
    private boolean sendRandom(RawWebSocket ws, Random random) {
        int kind = random.nextInt(100);
        if (kind < 45) {
            return text(ws, validAction(random));
        } else if (kind < 65) {
            return text(ws, garbage(random));
        } else if (kind < 72) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            sendQuietly(ws, true, 0, RawWebSocket.BINARY, bytes);
            return false;
        } else if (kind < 78) {
            for (int i = 0; i < 30; i++) { // a storm: may pass the rate limit, which is 4029
                text(ws, "{\"action\":\"" + (i % 2 == 0 ? "subscribe" : "unsubscribe") + "\",\"symbols\":[\"FZ"
                        + random.nextInt(10) + "\"],\"channels\":[\"" + CHANNELS[random.nextInt(4)] + "\"]}");
            }
            return false;
        } else if (kind < 84) {
            return fragments(ws, random, validAction(random), 4096);
        } else if (kind < 87) {
            return fragments(ws, random, "x".repeat(4097 + random.nextInt(4000)), 4096);
        } else if (kind < 90) {
            sendQuietly(ws, true, 0, RawWebSocket.TEXT, "y".repeat(4097 + random.nextInt(10_000)).getBytes(StandardCharsets.US_ASCII));
            return true;
        } else if (kind < 93) {
            sendQuietly(ws, true, 0, RawWebSocket.TEXT, new byte[] {'{', (byte) (0x80 + random.nextInt(0x40)), '}'});
            return true;
        } else if (kind < 96) {
            sendQuietly(ws, true, 1 + random.nextInt(7), RawWebSocket.TEXT, "{\"action\":\"ping\"}".getBytes(StandardCharsets.US_ASCII));
            return true;
        } else {
            byte[] ping = new byte[random.nextInt(100)];
            random.nextBytes(ping);
            sendQuietly(ws, true, 0, RawWebSocket.PING, ping);
            return false;
        }
    }

    private static String validAction(Random random) {
        String action = switch (random.nextInt(7)) {
            case 0, 1, 2 -> "subscribe";
            case 3, 4 -> "unsubscribe";
            case 5 -> "ping";
            default -> random.nextBoolean() ? "list" : "teleport";
        };
        StringBuilder json = new StringBuilder("{\"action\":\"").append(action).append('"');
        json.append(",\"symbols\":[");
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(SYMBOLS[random.nextInt(SYMBOLS.length)]).append('"');
        }
        json.append(']');
        if (random.nextBoolean()) {
            json.append(",\"channels\":[\"").append(CHANNELS[random.nextInt(CHANNELS.length)]).append("\"]");
        }
        if (random.nextInt(4) == 0) {
            String seq = switch (random.nextInt(4)) {
                case 0 -> Long.toString(random.nextLong());
                case 1 -> "18446744073709551616";
                case 2 -> "-1";
                default -> "\"x\"";
            };
            json.append(",\"resume\":{\"FZ").append(random.nextInt(4)).append("\":").append(seq).append('}');
        }
        if (random.nextInt(5) == 0) {
            json.append(",\"maxRate\":").append(random.nextInt(3000) - 500);
        }
        if (random.nextInt(5) == 0) {
            json.append(",\"snapshot\":").append(random.nextBoolean() ? "false" : "\"maybe\"");
        }
        return json.append('}').toString();
    }

    private static String garbage(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "[".repeat(1 + random.nextInt(2000));
            case 1 -> "{\"action\":";
            case 2 -> "null";
            case 3 -> "ping";
            case 4 -> "{\"watchlist\":" + (random.nextBoolean() ? "\"FZ1\"" : "[1,2,{}]") + "}";
            case 5 -> "{\"action\":[\"subscribe\"],\"symbols\":{\"a\":1}}";
            case 6 -> "\"" + "\\u0000".repeat(random.nextInt(200)) + "\"";
            default -> {
                StringBuilder text = new StringBuilder();
                int n = random.nextInt(300);
                for (int i = 0; i < n; i++) {
                    text.append((char) (0x20 + random.nextInt(0x2000)));
                }
                yield text.toString();
            }
        };
    }

    /** {@code text} in 2..5 fragments; true when it is over {@code limit} bytes, so the hub must close. */
    private boolean fragments(RawWebSocket ws, Random random, String text, int limit) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int parts = 2 + random.nextInt(4);
        int size = Math.max(1, bytes.length / parts + 1);
        for (int from = 0, i = 0; from < bytes.length; from += size, i++) {
            byte[] part = java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size));
            sendQuietly(ws, from + size >= bytes.length, 0, i == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION, part);
        }
        return bytes.length > limit;
    }

    private boolean text(RawWebSocket ws, String text) {
        sendQuietly(ws, true, 0, RawWebSocket.TEXT, text.getBytes(StandardCharsets.UTF_8));
        return false;
    }

    private void sendQuietly(RawWebSocket ws, boolean fin, int rsv, int opcode, byte[] payload) {
        String shown = new String(payload, 0, Math.min(payload.length, 40), StandardCharsets.UTF_8);
        String sent = lastSent.get();
        lastSent.set(sent.substring(Math.max(0, sent.length() - 600)) + " | op " + opcode + (fin ? "" : " (fragment)")
                + (rsv != 0 ? " rsv " + rsv : "") + " " + shown);
        try {
            ws.send(fin, rsv, opcode, payload);
        } catch (IOException e) {
            // the hub closed meanwhile; the reader reports how
        }
    }

    private static int readToEnd(RawWebSocket ws) {
        try {
            return ws.awaitEnd();
        } catch (IOException e) {
            return RawWebSocket.RESET;
        }
    }

    private void feedQuotes(Random random) {
        long volume = 0;
        while (running) {
            feed.submitNoWait("FZ" + random.nextInt(10), 10 + random.nextInt(1000) / 100.0, ++volume);
            if (volume % 50 == 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    private void probeHealth() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build();
        while (running) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 500) {
                    problems.add("/health answered " + status);
                }
            } catch (IOException e) {
                problems.add("/health: " + e);
            } catch (InterruptedException e) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
