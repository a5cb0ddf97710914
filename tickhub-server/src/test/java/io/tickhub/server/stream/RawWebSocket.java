package io.tickhub.server.stream;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * A WebSocket client on a bare socket that builds every frame by hand (masked, any opcode, any
 * RSV bits, fragments), for tests of the protocol's edges that a well-behaved client library
 * refuses to send. It reads only when asked, so it can also stop reading altogether and let its
 * TCP window fill up, like a frozen process.
 */
final class RawWebSocket implements AutoCloseable {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int RSV1 = 0x4;

    /** A frame from the hub; a {@code close} frame's code is in its first two payload bytes. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    /** How a connection ended, as the client saw it: a close frame's code, or the socket ending without one. */
    static final int EOF = -1;
    static final int RESET = -2;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Random random;

    private RawWebSocket(Socket socket, Random random) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.random = random;
    }

    /**
     * Opens {@code path} with the HTTP upgrade and reads the 101 answer. {@code receiveBuffer}
     * bytes of socket receive buffer (0: the system's), set before connecting so the TCP window
     * is small from the start.
     */
    static RawWebSocket connect(int port, String path, int receiveBuffer, Random random) throws IOException {
        return connect(port, path, receiveBuffer, random, "");
    }

    /** As {@link #connect(int, String, int, Random)}, with more request headers ({@code "Name: value\r\n"} each). */
    static RawWebSocket connect(int port, String path, int receiveBuffer, Random random, String headers)
            throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n" + headers + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        RawWebSocket ws = new RawWebSocket(socket, random);
        String status = ws.readHeaders();
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("no upgrade: " + status);
        }
        return ws;
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("headers cut short: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    void sendText(String text) throws IOException {
        send(true, 0, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One frame, masked as a client's must be, with any FIN, RSV bits and opcode. */
    void send(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | (opcode & 0xf));
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            long length = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next frame from the hub; throws {@link EOFException} or {@link SocketException} when the socket ends. */
    Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0xf, payload);
    }

    /** The next text frame containing {@code fragment}, skipping others. */
    String next(String fragment) throws IOException {
        for (int i = 0; i < 10_000; i++) {
            Frame frame = read();
            if (frame.opcode() == TEXT && frame.text().contains(fragment)) {
                return frame.text();
            }
            if (frame.opcode() == CLOSE) {
                throw new IOException("closed with " + frame.closeCode() + " before " + fragment);
            }
        }
        throw new AssertionError("no frame with " + fragment);
    }

    /**
     * Reads until the connection ends: the close frame's code, {@link #EOF} when the socket ended
     * without one, {@link #RESET} on a reset. Either way the socket must then end: a close frame
     * followed by a socket the hub keeps open fails (the read times out).
     */
    int awaitEnd() throws IOException {
        int code = EOF;
        try {
            while (true) {
                Frame frame = read();
                if (frame.opcode() == CLOSE && code == EOF) {
                    code = frame.closeCode();
                }
            }
        } catch (EOFException e) {
            return code;
        } catch (SocketException e) {
            // A reset (SO_LINGER 0 on the hub's side) drops what was still in flight, close frame included.
            return code == EOF ? RESET : code;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the hub kept the socket open " + socket.getSoTimeout() + " ms"
                    + (code == EOF ? "" : " after close " + code), e);
        }
    }

    /** The raw input, for a test that reads the socket to its end itself. */
    InputStream input() {
        return in;
    }

    void timeout(int millis) throws SocketException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
