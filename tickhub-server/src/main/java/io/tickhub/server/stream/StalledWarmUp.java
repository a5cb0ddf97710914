package io.tickhub.server.stream;

import static io.tickhub.server.stream.StreamWarmUp.PATHS;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Part of {@link HeldWarmUp}: a few loopback sessions on {@code "*"} that stop reading, so the paths
 * a client that falls behind takes (a transport that stops being writable, conflation, a parked
 * drain, the conflated update when it reads again, offers to a connection that went away) are in
 * the JIT's profile before the hub is ready. Why: the compiled fan-out had never seen them, and the
 * first client that stalled made the JIT throw away the hottest compiled methods (offer, drain, the
 * writer's dispatch, Netty's outbound buffer: 45 deoptimisations in 0.3 s, logged with
 * {@code -Xlog:deoptimization}), which ran interpreted on the one core until compiled again: the
 * other clients' p99 went up by 15 ms in the 20 s window that saw it (docs/performance.md, ninth
 * sitting). Half of them read again halfway through the hold and catch up; the other half never do
 * and are closed at its end.
 *
 * <p>Raw sockets with a 4 KB receive buffer, not the JDK's WebSocket client, whose own buffering
 * would keep reading for them.
 */
final class StalledWarmUp {

    static final int SESSIONS = 4;
    private static final int RECEIVE_BUFFER = 4096;
    private static final String SUBSCRIBE = "{\"action\":\"subscribe\",\"symbols\":[\"*\"]}";
    /** What a conflated update carries (native and compact alike). */
    private static final String CONFLATED = "\"conflated\":";

    private final int port;
    private final String authorization;
    private final Duration hold;
    private final AtomicInteger stalled = new AtomicInteger();
    private final AtomicInteger caughtUp = new AtomicInteger();
    /** Both only touched by the thread that calls {@link #start} and {@link #finish}. */
    private final List<Thread> threads = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    StalledWarmUp(int port, String authorization, Duration hold) {
        this.port = port;
        this.authorization = authorization;
        this.hold = hold;
    }

    /** Opens the sessions, each on a thread of its own that ends with the hold. */
    StalledWarmUp start() {
        for (int i = 0; i < SESSIONS; i++) {
            String path = PATHS.get(i % PATHS.size());
            boolean readsAgain = i < SESSIONS / 2;
            Socket socket = new Socket();
            sockets.add(socket);
            threads.add(Thread.ofVirtual().name("tickhub-warm-up-stalled-" + i).start(() -> run(socket, path, readsAgain)));
        }
        return this;
    }

    /** What the sessions did: how many subscribed and stalled, and how many of them caught up through conflation. */
    record Outcome(int stalled, int caughtUp) {
    }

    /** Waits for the sessions (at most the hold and a second), closes what is still open. */
    Outcome finish() {
        long deadline = System.nanoTime() + hold.plusSeconds(1).toNanos();
        for (Thread t : threads) {
            try {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sockets.forEach(StalledWarmUp::closeQuietly);
        return new Outcome(stalled.get(), caughtUp.get());
    }

    private void run(Socket socket, String path, boolean readsAgain) {
        long end = System.nanoTime() + hold.toNanos();
        try {
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) StreamWarmUp.PER_SESSION.toMillis());
            socket.setSoTimeout((int) StreamWarmUp.PER_SESSION.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(upgrade(path).getBytes(StandardCharsets.US_ASCII));
            if (!switched(in)) {
                return;
            }
            out.write(maskedText(SUBSCRIBE));
            out.flush();
            stalled.incrementAndGet();
            // Reads nothing: the hub fills the socket, stops writing, conflates, parks the drain.
            TimeUnit.NANOSECONDS.sleep((end - System.nanoTime()) / 2);
            if (readsAgain) {
                byte[] buffer = new byte[64 * 1024];
                socket.setSoTimeout(50);
                boolean conflated = false;
                while (System.nanoTime() < end) {
                    try {
                        int n = in.read(buffer);
                        if (n < 0) {
                            return;
                        }
                        if (!conflated && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains(CONFLATED)) {
                            conflated = true; // the hub had fallen back to the latest per symbol for it
                            caughtUp.incrementAndGet();
                        }
                    } catch (java.net.SocketTimeoutException quiet) {
                        // nothing to read for 50 ms: check the time and read on
                    }
                }
            } else {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
            }
        } catch (IOException e) {
            // A warm-up session that fails costs only warmth.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(socket);
        }
    }

    private String upgrade(String path) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
    }

    /** Reads the handshake's answer up to its blank line: whether it was 101. */
    private static boolean switched(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 8192 && head.indexOf("\r\n\r\n", Math.max(0, head.length() - 4)) < 0) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            head.append((char) b);
        }
        return head.toString().startsWith("HTTP/1.1 101");
    }

    /** A client's text frame (masked, as RFC 6455 requires of clients) of a short message. */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("a short message only");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
