package io.tickhub.server.security;

import io.tickhub.core.access.Grant;
import io.tickhub.server.http.error.ErrorResponses;
import java.net.InetSocketAddress;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Right after {@link AccessFilter}: charges a granted request to its credential (429
 * {@code rate_limited} past {@code requestsPerSecond}, bursts of twice that) and a call that spends
 * a provider's budget to its poll budget (429 {@code poll_budget} past {@code pollsPerMinute}),
 * before any controller runs, so no refused call reaches a provider. Every limited answer,
 * accepted or not, carries the rate-limit fields ({@link RateLimitHeaders}) so clients can pace
 * themselves. A poll answered 400 or 422 (invalid, so no provider was asked) is given back.
 */
public final class RestLimitFilter implements WebFilter, Ordered {

    public static final int ORDER = AccessFilter.ORDER + 1;
    public static final String POLL_BUDGET = "poll_budget";

    private final RestLimits limits;
    private final ObjectMapper json;

    public RestLimitFilter(RestLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Grant grant = AccessFilter.grantOf(exchange);
        if (grant == null) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        InetSocketAddress remote = request.getRemoteAddress();
        ClientBuckets.Charge charge = limits.chargeGranted(grant, remote);
        if (charge != null) {
            RateLimitHeaders.set(exchange.getResponse().getHeaders(), charge);
            if (!charge.taken()) {
                return ErrorResponses.write(exchange, json, HttpStatus.TOO_MANY_REQUESTS,
                        AddressRateFilter.RATE_LIMITED, refusal(grant, charge));
            }
        }
        if (!RestLimits.spendsPolls(request.getMethod(), request.getPath().value())) {
            return chain.filter(exchange);
        }
        ClientBuckets.Charge poll = limits.chargePoll(grant, remote);
        RateLimitHeaders.set(exchange.getResponse().getHeaders(), poll);
        if (!poll.taken()) {
            return ErrorResponses.write(exchange, json, HttpStatus.TOO_MANY_REQUESTS, POLL_BUDGET,
                    "Poll budget spent for " + who(grant, remote) + ": at most " + poll.quota().refill()
                            + " polls and job creations a minute; retry in " + poll.secondsToRetry() + " s");
        }
        // Given back before the answer is committed, not after it is written: a client that sends
        // its next poll the moment it reads a 422 must find the token already back.
        exchange.getResponse().beforeCommit(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            if (status != null && (status.value() == 400 || status.value() == 422)) {
                limits.refundPoll(grant, remote);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** What a credential refused by its own request bucket is told. */
    public static String refusal(Grant grant, ClientBuckets.Charge charge) {
        return "Too many requests for " + grant.subject() + ": at most " + charge.quota().refill()
                + " a second (bursts of " + charge.quota().capacity() + "); retry in " + charge.secondsToRetry() + " s";
    }

    private static String who(Grant grant, InetSocketAddress remote) {
        return grant.credentialed() ? grant.subject() : AuditLog.address(remote);
    }
}
