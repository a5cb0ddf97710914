package io.tickhub.server.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request on a bare socket to 127.0.0.1, with any {@code Host} and {@code Origin} (which client
 * libraries set themselves), read up to its headers, and its body unless it is a 101 or a stream (200 with
 * {@code text/event-stream}). Every read times out after 5 s.
 */
public final class RawRequest {

    /** A WebSocket handshake's fixed headers. */
    public static final Map<String, String> UPGRADE = Map.of("Upgrade", "websocket", "Connection", "Upgrade",
            "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13");

    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawRequest() {
    }

    /** A WebSocket handshake on {@code path}; {@code origin} null sends none. */
    public static Answer upgrade(int port, String path, String host, String origin) {
        Map<String, String> headers = new LinkedHashMap<>(UPGRADE);
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return send(port, "GET", path, host, headers);
    }

    public static Answer send(int port, String method, String path, String host, Map<String, String> headers) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (!method.equals("GET")) {
                request.append("Content-Length: 0\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> answer = new LinkedHashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                answer.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            String type = answer.getOrDefault("content-type", "");
            boolean streams = status == 101 || (status == 200 && type.startsWith("text/event-stream"));
            return new Answer(status, answer, streams ? "" : body(in, answer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String body(InputStream in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection ended inside a line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
