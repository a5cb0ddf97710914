package io.tickhub.server.provider.fake;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Immutable: a request a {@link FakeUpstream} received.
 *
 * @param rawPath  the path as sent, percent-encoding kept ({@code /v8/finance/chart/%5EGSPC})
 * @param query    decoded query parameters (the last value of a repeated name)
 */
public record FakeRequest(String method, String rawPath, Map<String, String> query, String userAgent) {

    static FakeRequest of(HttpExchange exchange) {
        var uri = exchange.getRequestURI();
        return new FakeRequest(exchange.getRequestMethod(), uri.getRawPath(), decode(uri.getRawQuery()),
                exchange.getRequestHeaders().getFirst("User-Agent"));
    }

    private static Map<String, String> decode(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
