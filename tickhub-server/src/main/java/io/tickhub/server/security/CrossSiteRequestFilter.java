package io.tickhub.server.security;

import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Refuses what a browser sends cross-site, before routing, with 403 {@code cross_origin}:
 * <ul>
 *   <li>a state-changing request ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) from a page of
 *       another origin (CSRF): a form or {@code fetch} from any site a visitor opens could otherwise create
 *       jobs or spend a provider's budget with the visitor's loopback access;</li>
 *   <li>a stream opened from a page of another origin: a WebSocket upgrade on any {@code /ws} endpoint
 *       (browsers do not apply CORS to WebSockets, so without this any page a visitor opens could stream
 *       from an internal hub through the visitor: cross-site WebSocket hijacking), and
 *       {@code GET /api/v1/stream} (CORS keeps the page from reading the events, but the connection would
 *       still hold one of the streaming places).</li>
 * </ul>
 * The CSRF rule is the one of Go 1.25's {@code net/http.CrossOriginProtection}, which needs no token: a
 * request with {@code Sec-Fetch-Site: same-origin} or {@code none} passes; with {@code cross-site} or
 * {@code same-site} it passes only when its {@code Origin} is in the allow-list; with no
 * {@code Sec-Fetch-Site} (older browsers), an {@code Origin} must be the hub's own or listed; a request with
 * neither header is not from a browser (curl, the seed clients, other services) and passes. Safe methods
 * ({@code GET}, {@code HEAD}, {@code OPTIONS}, so CORS preflights too) pass, streams aside. Every refusal is
 * audited.
 */
public final class CrossSiteRequestFilter implements WebFilter, Ordered {

    /**
     * Just after {@code MalformedRequestFilter} (highest precedence), before {@link AccessFilter} and routing: a
     * cross-site request is refused whatever credential it carries, and another site's page learns nothing
     * about authentication from the answer.
     */
    public static final int ORDER = AccessFilter.ORDER - 5;

    static final String SEC_FETCH_SITE = "Sec-Fetch-Site";
    static final String SSE_STREAM = "/api/v1/stream";

    private static final Set<HttpMethod> STATE_CHANGING =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final OriginPolicy origins;
    private final ObjectMapper json;
    private final AuditLog audit;

    public CrossSiteRequestFilter(OriginPolicy origins, ObjectMapper json, AuditLog audit) {
        this.origins = origins;
        this.json = json;
        this.audit = audit;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String refusal = null;
        if (STATE_CHANGING.contains(request.getMethod())) {
            refusal = stateChangingRefusal(request);
        } else if ((HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()))
                && RouteScopes.isStream(request.getPath().value())) {
            refusal = foreignOrigin(request);
        }
        if (refusal == null) {
            return chain.filter(exchange);
        }
        audit.refused("-", request.getRemoteAddress(), request.getMethod().name(), request.getPath().value(),
                "cross_origin");
        return CrossOriginRefusal.write(exchange, json, refusal);
    }

    /** Why a state-changing request is refused, or null when it may go on. */
    private String stateChangingRefusal(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        String site = headers.getFirst(SEC_FETCH_SITE);
        String origin = headers.getFirst(HttpHeaders.ORIGIN);
        if (site == null) {
            return foreignOrigin(request);
        }
        if (site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none")) {
            return null;
        }
        if (origin != null && origins.isListed(origin)) {
            return null;
        }
        return "Cross-site " + request.getMethod().name() + " refused (Sec-Fetch-Site: " + site
                + (origin == null ? ", no Origin" : ", Origin " + origin) + "): only the hub's own pages and the"
                + " origins listed in tickhub.http.cors-origins may change state from a browser";
    }

    /** Why a request whose {@code Origin} is another site's is refused; null when it has none or it is allowed. */
    private String foreignOrigin(ServerHttpRequest request) {
        String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
        if (origin == null || origins.allows(origin, request.getHeaders().getFirst(HttpHeaders.HOST))) {
            return null;
        }
        return CrossOriginRefusal.originDetail(origin);
    }
}
