package io.tickhub.server.security;

import io.tickhub.server.http.error.ErrorResponses;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * The 403 {@code cross_origin} answer, in the route's error shape (problem+json under {@code /api/v1},
 * {@code {"detail": ...}} on the compatibility routes) plus {@code "code"}.
 */
public final class CrossOriginRefusal {

    public static final String CODE = "cross_origin";

    private CrossOriginRefusal() {
    }

    /** The detail for a request whose {@code Origin} may not use the hub. */
    public static String originDetail(String origin) {
        return "Origin " + origin + " may not use this hub: it is neither the hub's own origin nor listed in "
                + "tickhub.http.cors-origins";
    }

    public static Mono<Void> write(ServerWebExchange exchange, ObjectMapper json, String detail) {
        return ErrorResponses.write(exchange, json, HttpStatus.FORBIDDEN, CODE, detail);
    }
}
