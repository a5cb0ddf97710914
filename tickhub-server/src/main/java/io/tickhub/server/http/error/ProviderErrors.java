package io.tickhub.server.http.error;

import io.tickhub.core.provider.ProviderException;
import org.springframework.http.HttpStatus;

/**
 * What a client of a live fetch ({@code POST /poll/{symbol}}, {@code GET /prices/latest} of a symbol the hub has
 * no price of) sees when the upstream failed: the upstream's fault
 * is a 502/504, never a 500; its rate limit is our 429 with the wait; a symbol it does not know is a
 * 404. Messages come from the adapters, which keep keys out of them.
 */
public final class ProviderErrors {

    private ProviderErrors() {
    }

    public static ApiException toApi(String provider, ProviderException e) {
        String detail = provider + ": " + e.getMessage();
        return switch (e.kind()) {
            case RATE_LIMITED -> {
                ApiException limited = new ApiException(HttpStatus.TOO_MANY_REQUESTS, detail);
                yield e.retryAfter() != null ? limited.retryAfter(e.retryAfter()) : limited;
            }
            case UNKNOWN_SYMBOL -> ApiException.notFound(detail);
            case UNAVAILABLE -> new ApiException(isTimeout(e) ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY,
                    detail);
            case BAD_RESPONSE, UNAUTHORIZED -> new ApiException(HttpStatus.BAD_GATEWAY, detail);
        };
    }

    private static boolean isTimeout(ProviderException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
