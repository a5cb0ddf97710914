package io.tickhub.server.http.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.server.HubTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Random requests, seeded, for about 20 s against every route the OpenAPI description lists and the
 * operational ones: malformed and huge path segments, percent-encodings, query values, methods,
 * headers and bodies, sent over plain sockets so nothing is cleaned up on the way. No answer may be a
 * 5xx, every error has a JSON body, and the hub still answers /health afterwards.
 * A failure prints the seed; set {@code -Dfuzz.seed=} to replay it.
 */
@HubTest
@TestPropertySource(properties = {"tickhub.limits.connections.max-streams-per-address=50",
        // Polls and live fetches go nowhere but to a closed port on this host: 502, documented for an upstream that fails.
        "tickhub.providers.yahoo.base-url=http://127.0.0.1:9", "tickhub.providers.alpha-vantage.base-url=http://127.0.0.1:9",
        "tickhub.providers.finnhub.base-url=http://127.0.0.1:9"})
@Timeout(90)
class RestFuzzTest {

    private static final long BUDGET_NANOS = 20_000_000_000L;
    private static final List<String> EXTRA_ROUTES = List.of("/actuator/health", "/actuator/health/{group}",
            "/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/{name}", "/actuator/info", "/docs",
            "/v3/api-docs", "/ws", "/ws/{ticker_id}", "/nope/{x}");
    private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "POST", "DELETE", "PUT", "PATCH",
            "OPTIONS", "HEAD", "TRACE", "FOO"};
    private static final String[] VALUES = {"AAPL", "MSFT", "aapl", "", " ", "%zz", "%", "%2F", "a%2Fb", "%00",
            "%C3%A9", "%FF%FE", "..", "%2e%2e", "*", ",", ",,,", "A,B,,C", "-1", "0", "1", "1.5", "1e309", "NaN",
            "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "2025-01-02T14:30:00Z", "2025-13-45",
            "9223372036854775808", "-9223372036854775809", "99999999999999999999999", "true", "null", "[]", "{}",
            "%22%3Cscript%3E", "1m", "1d", "bars.1s", "quotes", "news", "poll_deadbeef", "simulator", "finnhub",
            "%E2%82%AC", "a%20b", "%0d%0aX-Injected:%201"};
    private static final String[] ACCEPTS = {null, "", "*/*", "application/json", "text/html", "text/event-stream",
            "application/xml", "garbage", "application/problem+json;q=0", "text/plain", "*/*;q=abc"};
    private static final String[] CONTENT_TYPES = {null, "", "application/json", "text/plain", "application/xml",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "garbage/;;"};
    private static final String[] BODIES = {"", "{}", "[]", "null", "{\"symbols\":[\"AAPL\"],\"interval\":60}",
            "{\"symbols\":\"AAPL\",\"interval\":-1}", "{\"symbols\":[1,2],\"interval\":1e309}", "{bad json",
            "\u0000\u0001\u0002", "{\"symbols\":[\"" + "A".repeat(5000) + "\"]}"};

    @LocalServerPort
    int port;

    @Test
    void noRequestGetsA5xxOrAnErrorWithoutJson() throws IOException {
        long seed = Long.getLong("fuzz.seed", 16L);
        Random random = new Random(seed);
        List<String> routes = routes();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        int sent = 0;
        while (System.nanoTime() - start < BUDGET_NANOS && failures.size() < 20) {
            String method = pick(random, METHODS);
            String target = target(random, pick(random, routes));
            String request = request(random, method, target);
            RawHttp.Answer answer = RawHttp.exchange(port, request, 3_000);
            sent++;
            boolean streaming = answer.status() == -1 && (target.startsWith("/api/v1/stream") || target.startsWith("/ws"));
            if (streaming) {
                continue;
            }
            String problem = problem(method, target, answer);
            if (problem != null) {
                failures.add(problem + " <- " + method + " " + target.substring(0, Math.min(target.length(), 200)));
            }
        }
        assertThat(failures).as("seed %d, %d requests", seed, sent).isEmpty();
        assertThat(sent).isGreaterThan(100);
        RawHttp.Answer health = RawHttp.exchange(port, RawHttp.get("/health", "Accept: application/json",
                "Connection: close"), 10_000);
        assertThat(health.status()).isEqualTo(200);
    }

    private static String problem(String method, String target, RawHttp.Answer answer) {
        if (answer.status() == -1) {
            return "no answer";
        }
        // A live fetch (POST /poll/{symbol}, or /prices/latest of a symbol the hub has no price of) reaches the closed port.
        boolean fetchesLive = target.contains("/poll/") || target.startsWith("/prices/latest");
        boolean upstreamFailed = answer.status() == 502 && fetchesLive && answer.body().contains("detail");
        if (answer.status() >= 500 && !upstreamFailed) {
            return answer.status() + " " + answer.body();
        }
        if (answer.status() >= 400 && !method.equals("HEAD")) {
            if (answer.contentType() == null || !answer.contentType().contains("json") || answer.body().isBlank()) {
                return answer.status() + " without a JSON body (" + answer.contentType() + ")";
            }
        }
        return null;
    }

    private List<String> routes() throws IOException {
        RawHttp.Answer docs = RawHttp.exchange(port, RawHttp.get("/v3/api-docs", "Accept: application/json",
                "Connection: close"), 10_000);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = new ObjectMapper().readTree(docs.body()).get("paths");
        TreeSet<String> routes = new TreeSet<>(paths.propertyNames());
        routes.addAll(EXTRA_ROUTES);
        assertThat(routes).hasSizeGreaterThan(20);
        return List.copyOf(routes);
    }

    private static String target(Random random, String route) {
        StringBuilder path = new StringBuilder();
        for (String segment : route.split("/", -1)) {
            if (path.length() > 0 || !segment.isEmpty()) {
                path.append('/');
            }
            path.append(segment.startsWith("{") ? value(random) : segment);
        }
        if (path.length() == 0) {
            path.append('/');
        }
        int params = random.nextInt(4);
        String[] names = {"symbols", "symbol", "from", "to", "limit", "after", "cursor", "interval", "size", "window",
                "provider", "channels", "period", "since", "x"};
        for (int i = 0; i < params; i++) {
            path.append(i == 0 ? '?' : '&').append(pick(random, names)).append('=').append(value(random));
        }
        return path.toString();
    }

    private static String value(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> "A".repeat(1 + random.nextInt(8_000));
            case 1 -> Long.toString(random.nextLong());
            default -> pick(random, VALUES);
        };
    }

    private static String request(Random random, String method, String target) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        String accept = pick(random, ACCEPTS);
        if (accept != null) {
            request.append("Accept: ").append(accept).append("\r\n");
        }
        if (random.nextInt(4) == 0) {
            request.append("Origin: ").append(random.nextBoolean() ? "http://evil.example" : "null").append("\r\n");
        }
        if (random.nextInt(8) == 0) {
            request.append("Last-Event-ID: ").append(pick(random, VALUES)).append("\r\n");
        }
        String body = method.equals("GET") && random.nextInt(4) != 0 ? "" : pick(random, BODIES);
        String contentType = pick(random, CONTENT_TYPES);
        if (contentType != null && !body.isEmpty()) {
            request.append("Content-Type: ").append(contentType).append("\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            request.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        return request.append("\r\n").append(new String(bytes, StandardCharsets.ISO_8859_1)).toString();
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static <T> T pick(Random random, T[] items) {
        return items[random.nextInt(items.length)];
    }
}
