package io.tickhub.server.security;

import io.tickhub.server.http.error.ErrorResponses;
import java.net.InetSocketAddress;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Charges every request that needs an access decision to its remote address, just before
 * {@link AccessFilter} looks at its credential, and answers 429 {@code rate_limited} when the
 * address's bucket is empty (see {@link RestLimits}: requests without a credential and requests
 * with one have a bucket each per address). Checking here, not after the decision, bounds what a
 * client trying key after key costs the hub and learns: at most the address's rate of verdicts. A
 * request whose credential is valid gets its token back in {@link RestLimitFilter}. Public routes
 * (health, the dashboard's files, the API description) are not charged, nor are streams opened
 * without a credential (WebSocket upgrades, SSE): a stream is bounded by the connection caps
 * per address and per hub instead, and a thousand clients behind one address must be able to
 * connect at once.
 */
public final class AddressRateFilter implements WebFilter, Ordered {

    public static final int ORDER = AccessFilter.ORDER - 1;
    public static final String RATE_LIMITED = "rate_limited";

    private final RestLimits limits;
    private final ObjectMapper json;

    public AddressRateFilter(RestLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (RouteScopes.of(exchange) instanceof RouteScopes.Public) {
            return chain.filter(exchange);
        }
        InetSocketAddress remote = request.getRemoteAddress();
        boolean credential = presentsCredential(request);
        if (!credential && RouteScopes.isStream(request.getPath().value())) {
            return chain.filter(exchange);
        }
        ClientBuckets.Charge charge = limits.chargeAddress(remote, credential);
        RateLimitHeaders.set(exchange.getResponse().getHeaders(), charge);
        if (!charge.taken()) {
            return ErrorResponses.write(exchange, json, HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED,
                    refusal(credential, remote, charge));
        }
        return chain.filter(exchange);
    }

    /** What a client refused by its address's bucket is told. */
    public static String refusal(boolean credential, InetSocketAddress remote, ClientBuckets.Charge charge) {
        return (credential ? "Too many refused credentials from " : "Too many requests without a credential from ")
                + AuditLog.address(remote) + ": at most " + charge.quota().refill() + " a second (bursts of "
                + charge.quota().capacity() + "); retry in " + charge.secondsToRetry() + " s";
    }

    /** Whether {@link AccessPolicy} will check a credential (any {@code Authorization}, even of a scheme it refuses). */
    static boolean presentsCredential(ServerHttpRequest request) {
        String path = request.getPath().value();
        String queryToken = RouteScopes.isStream(path) ? request.getQueryParams().getFirst("token") : null;
        return AccessPolicy.presentsCredential(request.getHeaders(), queryToken);
    }
}
