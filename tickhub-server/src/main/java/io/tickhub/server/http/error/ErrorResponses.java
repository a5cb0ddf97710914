package io.tickhub.server.http.error;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/** Error answers written by filters, before any controller: the route's JSON shape plus a stable {@code code}. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /** Writes {@code status} with the route's error body; {@code code} null leaves it out. */
    public static Mono<Void> write(ServerWebExchange exchange, ObjectMapper json, HttpStatus status, String code,
                                   String detail) {
        String path = exchange.getRequest().getPath().value();
        Map<String, Object> body = ErrorBodies.body(path, status, status.getReasonPhrase(), detail, List.of());
        if (code != null) {
            body.put("code", code);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(ErrorBodies.contentType(path));
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(json.writeValueAsBytes(body))));
    }
}
