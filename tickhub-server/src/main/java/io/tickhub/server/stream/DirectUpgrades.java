package io.tickhub.server.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.tickhub.core.access.Grant;
import io.tickhub.core.access.Scope;
import io.tickhub.server.security.AccessPolicy;
import io.tickhub.server.security.AddressRateFilter;
import io.tickhub.server.security.ClientBuckets;
import io.tickhub.server.security.RestLimitFilter;
import io.tickhub.server.security.RestLimits;
import io.tickhub.server.security.OriginPolicy;
import io.tickhub.server.security.RouteScopes;
import java.net.InetSocketAddress;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.support.Netty4HeadersAdapter;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.ObjectMapper;

/**
 * The native stream's WebSocket upgrade without WebFlux: a connection whose first request is a
 * plain {@code GET /ws} upgrade is decided, admitted and upgraded on its event loop by Netty's own
 * handshaker ({@link DirectUpgrade}), and nothing of the HTTP exchange is kept once it is a
 * WebSocket. Why: through WebFlux's exchange, filter chain, handler mapping and session, an
 * upgrade cost several times the code (which a cold JVM on one core runs interpreted while it
 * compiles it, so 1,000 clients arriving together waited seconds) and each connection kept the
 * request's headers, attributes and session for its whole life (docs/performance.md, issue 18).
 *
 * <p>It is decided by the same {@link AccessPolicy}, {@link OriginPolicy}, {@link RestLimits} and
 * {@link StreamAdmission} as the WebFlux filters, in their order: a credential (header or
 * {@code ?token=}) that holds is charged as {@code AddressRateFilter} and {@code RestLimitFilter}
 * charge it; no credential where none is needed (the loopback client of protected mode, open mode)
 * or one that will come with the {@code auth} message is not charged, as there. What this path
 * does not take goes through WebFlux exactly as before: a refused credential or a missing scope
 * (charged, audited and answered there, once), a foreign {@code Origin}, an {@code Accept} header
 * to check, a proxy's forwarding header, a later request on a keep-alive connection, and the seed
 * systems' stream paths. A refusal by a request budget or the connection caps is answered here,
 * 429 or 503 with the same JSON body and rate-limit fields.
 */
public final class DirectUpgrades implements NettyServerCustomizer {

    static final String PATH = "/ws";

    private final AccessPolicy policy;
    private final RestLimits limits;
    private final OriginPolicy origins;
    private final StreamAdmission admission;
    private final NativeStreamHandler handler;
    private final ClosingChannels closing;
    private final MeterRegistry meters;
    private final int maxFrameBytes;
    private final Scope scope;
    private final Counter upgraded;
    private final ObjectMapper json;

    public DirectUpgrades(AccessPolicy policy, RestLimits limits, OriginPolicy origins, StreamAdmission admission,
                          NativeStreamHandler handler, ClosingChannels closing, MeterRegistry meters, int maxFrameBytes,
                          ObjectMapper json) {
        this.policy = policy;
        this.limits = limits;
        this.origins = origins;
        this.admission = admission;
        this.handler = handler;
        this.closing = closing;
        this.meters = meters;
        this.maxFrameBytes = maxFrameBytes;
        this.json = json;
        if (!(RouteScopes.of(org.springframework.http.HttpMethod.GET, PATH) instanceof RouteScopes.Needs needs)) {
            throw new IllegalStateException(PATH + " must need a scope");
        }
        this.scope = needs.scope();
        this.upgraded = upgrades(meters, "direct");
    }

    /** {@code tickhub.stream.upgrades{path}}: WebSocket upgrades by the path that took them, direct or webflux. */
    static Counter upgrades(MeterRegistry meters, String path) {
        return Counter.builder("tickhub.stream.upgrades").tag("path", path)
                .description("WebSocket upgrades by the path that took them: direct (Netty, /ws) or webflux")
                .register(meters);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> install(channel));
    }

    private void install(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        // HTTP/1.1 only (an h2c or HTTP/2 pipeline has no traffic handler of this name), and not a
        // connection refused at accept (the guard answers it before any request is read).
        if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
            pipeline.addBefore(NettyPipeline.HttpTrafficHandler, DirectUpgrade.NAME, new DirectUpgrade(this));
        }
    }

    /** What the direct path does with a connection's first request. */
    sealed interface Verdict {
    }

    /** Not for the direct path: WebFlux answers it, with every filter. */
    record PassOn() implements Verdict {
    }

    /** Refused by the connection caps. */
    record Refused(StreamAdmission.Refusal refusal) implements Verdict {
    }

    /** Refused by a request budget: 429 {@code rate_limited} with the budget's rate-limit fields. */
    record Limited(ClientBuckets.Charge charge, String detail) implements Verdict {
    }

    /**
     * Admitted: upgrade, and open the native protocol with the upgrade's query.
     *
     * @param charge what the credential's request budget holds now, for the answer's rate-limit fields; null: none
     */
    record Upgrade(StreamAdmission.Permit permit, String query, ClientBuckets.Charge charge) implements Verdict {
    }

    static final Verdict PASS_ON = new PassOn();

    Verdict judge(HttpRequest request, InetSocketAddress remote) {
        if (!HttpMethod.GET.equals(request.method()) || !HttpVersion.HTTP_1_1.equals(request.protocolVersion())) {
            return PASS_ON;
        }
        String uri = request.uri();
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String query = question < 0 ? null : uri.substring(question + 1);
        HttpHeaders headers = request.headers();
        if (!path.equals(PATH)
                || !headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                || !headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                || !"13".equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))
                || headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY) == null
                || headers.contains(HttpHeaderNames.ACCEPT)
                || forwarded(headers)) {
            return PASS_ON;
        }
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        if (origin != null && !origins.allows(origin, headers.get(HttpHeaderNames.HOST))) {
            return PASS_ON;
        }
        org.springframework.http.HttpHeaders view = new org.springframework.http.HttpHeaders(new Netty4HeadersAdapter(headers));
        String token = query == null ? null : NativeStreamHandler.queryParam(query, "token");
        boolean credential = AccessPolicy.presentsCredential(view, token);
        Grant grant = null;
        boolean pending = false;
        ClientBuckets.Charge charge = null;
        switch (policy.decide(view, remote, token)) {
            case AccessPolicy.Allowed allowed when allowed.grant().allows(scope) -> grant = allowed.grant();
            case AccessPolicy.Refused refused when !credential && refused.code().equals(AccessPolicy.NOT_AUTHENTICATED) ->
                    pending = true;
            default -> {
                return PASS_ON; // refused: WebFlux charges the address, audits and answers, once
            }
        }
        if (credential) {
            // What AddressRateFilter and RestLimitFilter charge a granted request: its address's
            // refused-credentials bucket first (given back once the credential holds), then its own.
            ClientBuckets.Charge address = limits.chargeAddress(remote, true);
            if (!address.taken()) {
                return new Limited(address, AddressRateFilter.refusal(true, remote, address));
            }
            charge = limits.chargeGranted(grant, remote);
            if (charge != null && !charge.taken()) {
                return new Limited(charge, RestLimitFilter.refusal(grant, charge));
            }
        }
        StreamAdmission.Admission admitted = admission.admit(remote, grant, pending);
        if (admitted.refusal() != null) {
            return new Refused(admitted.refusal());
        }
        return new Upgrade(admitted.permit(), query, charge);
    }

    /**
     * A request through a proxy: its client's address is in these headers, which WebFlux reads
     * (with {@code server.forward-headers-strategy}) and this path does not.
     */
    private static boolean forwarded(HttpHeaders headers) {
        return headers.contains("Forwarded") || headers.contains("X-Forwarded-For")
                || headers.contains("X-Forwarded-Host") || headers.contains("X-Real-IP");
    }

    /** One more connection upgraded here. */
    void upgraded() {
        upgraded.increment();
    }

    /** Writes refusals' bodies, as WebFlux's error answers do. */
    ObjectMapper json() {
        return json;
    }

    NativeStreamHandler handler() {
        return handler;
    }

    ClosingChannels closing() {
        return closing;
    }

    MeterRegistry meters() {
        return meters;
    }

    int maxFrameBytes() {
        return maxFrameBytes;
    }
}
