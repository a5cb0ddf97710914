package io.tickhub.server.provider.http;

import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.provider.ProviderException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Thread-safe, blocking: GETs for the HTTP polling providers over one shared JDK {@link HttpClient},
 * with every failure turned into the {@link ProviderException.Kind} the hub's retry policy acts on.
 *
 * <ul>
 *   <li>2xx and 404 are returned; a 404 means "unknown symbol" to Yahoo and "wrong URL" to others.</li>
 *   <li>429 is {@code RATE_LIMITED}, with {@code Retry-After} (seconds or HTTP date) as the wait.</li>
 *   <li>401 and 403 are {@code UNAUTHORIZED}.</li>
 *   <li>5xx, network errors and timeouts are {@code UNAVAILABLE}.</li>
 *   <li>Redirects are not followed and, like other 4xx, are {@code BAD_RESPONSE}.</li>
 * </ul>
 *
 * <p>Messages name the request as {@code host/path} only: API keys travel in the query string and
 * must never reach a message, a log or a stored payload. For the same reason no exception from
 * the JDK or the network is attached as a cause (their messages may quote the request).
 */
public final class UpstreamHttp implements AutoCloseable {

    /**
     * A desktop browser's User-Agent. Yahoo answers Java's default ({@code Java-http-client/21})
     * with 429 Too Many Requests on the first call; the others accept either.
     */
    public static final String USER_AGENT =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    private final HttpClient client;
    private final Clock clock;
    private final Supplier<String> payloadIds;

    /** @param clock stamps {@link UpstreamResponse#receivedAt()} and reads HTTP-date {@code Retry-After} */
    public UpstreamHttp(Duration connectTimeout, Clock clock) {
        this(connectTimeout, clock, () -> UUID.randomUUID().toString());
    }

    /** @param payloadIds ids for raw payloads: unique, letters, digits, {@code -} or {@code _}, at most 64 chars */
    public UpstreamHttp(Duration connectTimeout, Clock clock, Supplier<String> payloadIds) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.payloadIds = Objects.requireNonNull(payloadIds, "payloadIds");
        this.client = HttpClient.newBuilder()
                .connectTimeout(UpstreamSettingsChecks.timeout("upstream http", connectTimeout))
                // A redirect would carry the key in the query to wherever Location points.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * GETs {@code uri}, giving up after {@code timeout} in all (connect, headers and body).
     *
     * @return a 2xx or 404 answer
     * @throws ProviderException for any other outcome, with a message free of the query string
     */
    public UpstreamResponse get(URI uri, Duration timeout) throws ProviderException {
        String where = UpstreamUris.describe(uri);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(timeout)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json")
                .build();
        HttpResponse<String> response = send(request, timeout, where);
        int status = response.statusCode();
        if (status == 429) {
            var wait = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant());
            throw new ProviderException(Kind.RATE_LIMITED, "HTTP 429 Too Many Requests from " + where, wait, null);
        }
        if (status == 401 || status == 403) {
            throw new ProviderException(Kind.UNAUTHORIZED, "HTTP " + status + " (key refused) from " + where);
        }
        if (status >= 500) {
            throw new ProviderException(Kind.UNAVAILABLE, "HTTP " + status + " from " + where);
        }
        if (status >= 300 && status != 404) {
            throw new ProviderException(Kind.BAD_RESPONSE, "HTTP " + status + " from " + where);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("application/json");
        return new UpstreamResponse(status, contentType, response.body(), clock.instant(), payloadIds.get(), where);
    }

    private HttpResponse<String> send(HttpRequest request, Duration timeout, String where) throws ProviderException {
        // The request timeout alone stops at the response headers; a body trickled in slowly would
        // hold a poller for ever. Waiting on the future bounds the whole exchange.
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(timeout, where);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.UNAVAILABLE, "interrupted while waiting for " + where);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(timeout, where);
            }
            String type = cause == null ? "unknown error" : cause.getClass().getSimpleName();
            String what = cause instanceof IOException ? "network error" : "request failed";
            throw new ProviderException(Kind.UNAVAILABLE, what + " (" + type + ") from " + where);
        }
    }

    private static ProviderException timedOut(Duration timeout, String where) {
        return new ProviderException(Kind.UNAVAILABLE, "no answer within " + timeout.toMillis() + " ms from " + where);
    }

    /** Closes the client's connections; calls after this fail as UNAVAILABLE. */
    @Override
    public void close() {
        client.close();
    }
}
