package io.tickhub.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The REST routes the stream needs: the latest quote (a snapshot) and stored history (to repair
 * gaps). Asynchronous; the credential comes from the same {@link Credentials} as the stream's.
 */
public final class TickhubRest {

    private final HttpClient http;
    private final Supplier<URI> endpoint;
    private final Credentials credentials;
    private final Executor worker;
    private final Duration timeout;

    TickhubRest(HttpClient http, Supplier<URI> endpoint, Credentials credentials, Executor worker, Duration timeout) {
        this.http = http;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.worker = worker;
        this.timeout = timeout;
    }

    /** {@code GET /api/v1/quotes/{symbol}}: the latest quote, marked a snapshot; fails with 404 when the hub has none. */
    public CompletableFuture<Quote> latest(String symbol) {
        return get("/api/v1/quotes/" + encode(symbol)).thenApply(body -> {
            JsonNode q = MessageCodec.json().readTree(body);
            return MessageCodec.latestQuote(q, null);
        });
    }

    /**
     * {@code GET /api/v1/history/{symbol}}: stored quotes with hub time at or after
     * {@code fromMillis} (epoch ms; ignored when negative), oldest first, {@code limit} (1..10000)
     * a page; {@code cursor} is the previous page's {@code nextCursor}, or null.
     */
    public CompletableFuture<HistoryPage> history(String symbol, long fromMillis, int limit, String cursor) {
        StringBuilder path = new StringBuilder("/api/v1/history/").append(encode(symbol)).append("?limit=").append(limit);
        if (fromMillis >= 0) {
            path.append("&from=").append(fromMillis);
        }
        if (cursor != null) {
            path.append("&cursor=").append(encode(cursor));
        }
        return get(path.toString()).thenApply(body -> {
            JsonNode page = MessageCodec.json().readTree(body);
            String epoch = MessageCodec.text(page, "epoch");
            String name = MessageCodec.text(page, "symbol");
            List<Quote> items = new ArrayList<>();
            for (JsonNode t : page.path("items")) {
                items.add(MessageCodec.historyTick(name, t, epoch));
            }
            return new HistoryPage(name, epoch, List.copyOf(items), MessageCodec.text(page, "nextCursor"));
        });
    }

    private CompletableFuture<String> get(String path) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return credentials == null ? null : credentials.token();
            } catch (Exception e) {
                throw new IllegalStateException("credentials failed: " + e.getMessage(), e);
            }
        }, worker).thenCompose(token -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.get().resolve(path)).timeout(timeout)
                    .header("Accept", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new TickhubHttpException(path, response.statusCode(), response.body());
            }
            return response.body();
        });
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
