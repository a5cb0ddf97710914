package io.tickhub.server.http.jobs;

import io.tickhub.core.provider.ProviderException;
import io.tickhub.server.http.error.ApiException;
import org.springframework.http.HttpStatus;

/**
 * What a client of {@code POST /poll/{symbol}} sees when the upstream failed: the upstream's fault
 * is a 502/504, never a 500; its rate limit is our 429 with the wait; a symbol it does not know is a
 * 404. Messages come from the adapters, which keep keys out of them.
 */
final class ProviderErrors {

    private ProviderErrors() {
    }

    static ApiException toApi(String provider, ProviderException e) {
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
