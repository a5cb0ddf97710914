package io.tickhub.server.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events client reading events into a queue on a thread of its own, as a browser's EventSource. */
final class SseClient implements AutoCloseable {

    /**
     * One event: {@code id} null when the event had none; {@code type} the JSON's {@code type}; {@code name} the
     * event name as an {@code EventSource} sees it ({@code message} for an unnamed event).
     */
    record Event(String id, String type, String data, String name) {
    }

    private static final java.util.regex.Pattern TYPE = java.util.regex.Pattern.compile("^\\{\"type\":\"([^\"]*)\"");

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<InputStream> response;
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient connect(int port, String pathAndQuery, String lastEventId) {
        return connect(port, pathAndQuery, lastEventId, java.util.Map.of());
    }

    /** With these headers on the request (a credential: {@code X-API-Key}, {@code Authorization}). */
    static SseClient connect(int port, String pathAndQuery, String lastEventId, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Accept", "text/event-stream");
        headers.forEach(request::header);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient()
                    .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError("HTTP " + response.statusCode() + ": "
                        + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            return new SseClient(response);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        java.util.regex.Matcher typed = TYPE.matcher(data);
                        events.add(new Event(id, typed.find() ? typed.group(1) : null, data.toString(), type));
                    }
                    id = null;
                    type = "message";
                    data.setLength(0);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    /** The next event, waiting up to 5 s. */
    Event next() {
        try {
            Event event = events.poll(5, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no event within 5 s");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Whether the stream has ended (the reader saw its end) and every event was taken. */
    boolean ended() {
        return !reader.isAlive() && events.isEmpty();
    }

    /** The next event of {@code type}, skipping others. */
    Event next(String type) {
        for (int i = 0; i < 10_000; i++) {
            Event event = next();
            if (type.equals(event.type())) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " event");
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
