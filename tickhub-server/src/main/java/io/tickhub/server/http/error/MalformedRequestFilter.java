package io.tickhub.server.http.error;

import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Input that framework code outside our handlers turned into a 500, answered as the client's
 * mistake it is:
 * <ul>
 *   <li>an empty {@code Accept} header is taken as no header (Actuator's Prometheus endpoint found
 *       no format for it and failed with a NullPointerException); one that is not a list of media
 *       types is answered 406 with the route's JSON error body (it left error answers without a
 *       body);</li>
 *   <li>a percent-encoded character in an {@code /actuator/} path is 404: no endpoint or health group
 *       has one in its name, and Actuator failed on an encoded slash ({@code /actuator/health/a%2Fb});</li>
 *   <li>an error answered with no body (Actuator's 404 for an unknown metric or health group) gets
 *       the route's JSON error body.</li>
 * </ul>
 */
public final class MalformedRequestFilter implements WebFilter, Ordered {

    private static final String ACTUATOR = "/actuator/";

    private final ObjectMapper json;

    public MalformedRequestFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String rawPath = exchange.getRequest().getURI().getRawPath();
        if (rawPath != null && rawPath.startsWith(ACTUATOR) && rawPath.indexOf('%') >= 0) {
            return answer(exchange, HttpStatus.NOT_FOUND, "Not Found");
        }
        List<String> accept = exchange.getRequest().getHeaders().get(HttpHeaders.ACCEPT);
        if (accept != null && accept.stream().allMatch(String::isBlank)) {
            exchange = exchange.mutate().request(request -> request.headers(h -> h.remove(HttpHeaders.ACCEPT))).build();
        } else if (accept != null && !parses(accept)) {
            return answer(exchange, HttpStatus.NOT_ACCEPTABLE,
                    "Accept header is not a list of media types");
        }
        return chain.filter(withErrorBodies(exchange));
    }

    /** An error completed with no body (Actuator's unknown endpoint, metric or health group) gets the route's JSON. */
    private ServerWebExchange withErrorBodies(ServerWebExchange exchange) {
        if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
            return exchange;
        }
        String path = exchange.getRequest().getPath().value();
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> setComplete() {
                HttpStatusCode status = getStatusCode();
                if (status == null || !status.isError() || isCommitted()) {
                    return super.setComplete();
                }
                HttpStatus known = HttpStatus.resolve(status.value());
                String title = known != null ? known.getReasonPhrase() : "Error";
                Map<String, Object> body = ErrorBodies.body(path, status, title, title, List.of());
                getHeaders().setContentType(ErrorBodies.contentType(path));
                return writeWith(Mono.fromSupplier(() -> bufferFactory().wrap(json.writeValueAsBytes(body))));
            }
        };
        return exchange.mutate().response(response).build();
    }

    private static boolean parses(List<String> accept) {
        try {
            MediaType.parseMediaTypes(accept);
            return true;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private Mono<Void> answer(ServerWebExchange exchange, HttpStatus status, String detail) {
        return ErrorResponses.write(exchange, json, status, null, detail);
    }
}
