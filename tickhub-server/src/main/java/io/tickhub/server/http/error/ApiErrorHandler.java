package io.tickhub.server.http.error;

import io.tickhub.core.store.StoreException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * Renders every error a handler raises as JSON in the shape of its route ({@link ErrorBodies}).
 * A client's mistake is a 4xx with a message; only a fault of the hub's own is a 500, and its
 * message never leaks internals.
 */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e, ServerWebExchange exchange) {
        ResponseEntity<Map<String, Object>> response = render(exchange, e.status(), e.detail(), e.invalidParams());
        if (e.code() != null && response.getBody() != null) {
            response.getBody().put("code", e.code());
        }
        if (e.retryAfter() == null) {
            return response;
        }
        // Whole seconds, rounded up: a client that waits this long finds the limit lifted.
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header("Retry-After", Long.toString(seconds)).body(response.getBody());
    }

    /** Malformed input Spring caught before the handler ran (bad body, missing parameter, bad type). */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Map<String, Object>> input(ServerWebInputException e, ServerWebExchange exchange) {
        return render(exchange, HttpStatus.UNPROCESSABLE_CONTENT, ClientSafeReasons.of(e.getReason(), "Invalid request"),
                List.of());
    }

    @ExceptionHandler(MethodNotAllowedException.class)
    ResponseEntity<Map<String, Object>> method(MethodNotAllowedException e, ServerWebExchange exchange) {
        return render(exchange, e.getStatusCode(), "Method Not Allowed", List.of());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<Map<String, Object>> status(ResponseStatusException e, ServerWebExchange exchange) {
        String phrase = HttpStatus.valueOf(e.getStatusCode().value()).getReasonPhrase();
        String detail = e.getStatusCode().value() == 404 ? "Not Found"
                : e instanceof UnsupportedMediaTypeStatusException unsupported ? ClientSafeReasons.unsupported(unsupported)
                : ClientSafeReasons.of(e.getReason(), phrase);
        return render(exchange, e.getStatusCode(), detail, List.of());
    }

    /** The database is down or failed: the hub's fault, not the client's, and temporary. */
    @ExceptionHandler(StoreException.class)
    ResponseEntity<Map<String, Object>> store(StoreException e, ServerWebExchange exchange) {
        log.warn("Store unavailable on {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                e.getMessage());
        return render(exchange, HttpStatus.SERVICE_UNAVAILABLE, "The store is unavailable; try again shortly", List.of());
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, Object>> unexpected(RuntimeException e, ServerWebExchange exchange) {
        log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), e);
        return render(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error", List.of());
    }

    static ResponseEntity<Map<String, Object>> render(ServerWebExchange exchange, HttpStatusCode status, String detail,
                                                      List<InvalidParam> invalid) {
        String path = exchange.getRequest().getPath().value();
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known != null ? known.getReasonPhrase() : "Error";
        return ResponseEntity.status(status)
                .contentType(ErrorBodies.contentType(path))
                .body(ErrorBodies.body(path, status, title, detail, invalid));
    }
}
