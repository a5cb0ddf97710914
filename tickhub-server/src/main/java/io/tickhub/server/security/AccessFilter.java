package io.tickhub.server.security;

import io.tickhub.core.access.Grant;
import io.tickhub.server.http.error.ErrorResponses;
import java.net.InetSocketAddress;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Every HTTP request (REST, SSE, WebSocket upgrades) passes here before routing: it is decided
 * ({@link AccessPolicy}), checked against its route's scope ({@link RouteScopes}), and its
 * {@link Grant} is left in the exchange attribute {@link #GRANT} for what follows (limits, streams).
 * Calls that change something are audited once answered; refusals at once.
 *
 * <p>One exception: a WebSocket upgrade to {@code /ws} without any credential, where one is needed,
 * is let through without a grant ({@link #AUTH_PENDING}); the native protocol then takes an
 * {@code auth} message within {@code tickhub.security.auth-timeout}, as Alpaca's stream does.
 */
public final class AccessFilter implements WebFilter, Ordered {

    /** Exchange attribute: the request's {@link Grant}. */
    public static final String GRANT = "tickhub.grant";
    /** Exchange attribute (Boolean): a native WebSocket upgrade that must authenticate by message. */
    public static final String AUTH_PENDING = "tickhub.auth-pending";
    /** Right after {@code MalformedRequestFilter}, ahead of everything that costs more than a lookup. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final AccessPolicy policy;
    private final AuditLog audit;
    private final ObjectMapper json;

    public AccessFilter(AccessPolicy policy, AuditLog audit, ObjectMapper json) {
        this.policy = policy;
        this.audit = audit;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The grant {@link AccessFilter} decided for this exchange; null on public routes. */
    public static Grant grantOf(ServerWebExchange exchange) {
        return exchange.getAttribute(GRANT);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().value();
        HttpMethod method = request.getMethod();
        RouteScopes.Requirement requirement = RouteScopes.of(exchange);
        if (requirement instanceof RouteScopes.Public) {
            return chain.filter(exchange);
        }
        RouteScopes.Needs needs = (RouteScopes.Needs) requirement;
        boolean stream = RouteScopes.isStream(path);
        String queryToken = stream ? request.getQueryParams().getFirst("token") : null;
        InetSocketAddress remote = request.getRemoteAddress();
        AccessPolicy.Decision decision = policy.decide(request.getHeaders(), remote, queryToken);
        if (decision instanceof AccessPolicy.Refused refused) {
            if (refused.code().equals(AccessPolicy.NOT_AUTHENTICATED) && path.equals("/ws") && isUpgrade(request)) {
                exchange.getAttributes().put(AUTH_PENDING, Boolean.TRUE);
                return chain.filter(exchange);
            }
            audit.refused("-", remote, method.name(), path, refused.code());
            return refuse(exchange, refused.status(), refused.code(), refused.message());
        }
        Grant grant = ((AccessPolicy.Allowed) decision).grant();
        if (needs.scope() != null && !grant.allows(needs.scope())) {
            audit.refused(grant.subject(), remote, method.name(), path, "forbidden");
            return refuse(exchange, HttpStatus.FORBIDDEN, "forbidden", "This credential (" + grant.subject()
                    + ") lacks the '" + needs.scope().wire() + "' scope that " + method.name() + " " + path + " needs");
        }
        exchange.getAttributes().put(GRANT, grant);
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            audit.changed(grant, remote, method.name(), path, status == null ? 200 : status.value());
        });
    }

    private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String code, String detail) {
        if (status == HttpStatus.UNAUTHORIZED) {
            // RFC 6750: no error attribute when no credential was sent; invalid_token when one was.
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    code.equals(AccessPolicy.NOT_AUTHENTICATED) ? "Bearer realm=\"tickhub\""
                            : "Bearer realm=\"tickhub\", error=\"invalid_token\"");
        }
        return ErrorResponses.write(exchange, json, status, code, detail);
    }

    private static boolean isUpgrade(ServerHttpRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
    }
}
