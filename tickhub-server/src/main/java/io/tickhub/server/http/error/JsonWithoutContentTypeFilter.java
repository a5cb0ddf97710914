package io.tickhub.server.http.error;

import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A request body without a {@code Content-Type} is read as JSON, the only body the hub takes: system B's clients
 * {@code POST /prices/poll} without the header, and FastAPI parsed their JSON anyway (Spring answered 415).
 * A body sent with another content type is still refused 415. Cross-site requests are refused before this by
 * the CSRF rule, whatever their content type.
 */
public final class JsonWithoutContentTypeFilter implements WebFilter, Ordered {

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // just before routing; it only fills a missing header
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (!WITH_BODY.contains(request.getMethod()) || request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE) != null) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(request.mutate().headers(h -> h.setContentType(MediaType.APPLICATION_JSON)).build())
                .build());
    }
}
