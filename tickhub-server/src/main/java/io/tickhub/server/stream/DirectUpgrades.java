package io.tickhub.server.stream;

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
import io.tickhub.server.security.OriginPolicy;
import io.tickhub.server.security.RouteScopes;
import java.net.InetSocketAddress;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.support.Netty4HeadersAdapter;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * The native stream's WebSocket upgrade without WebFlux: a connection whose first request is a
 * plain {@code GET /ws} upgrade is decided, admitted and upgraded on its event loop by Netty's own
 * handshaker ({@link DirectUpgrade}), and nothing of the HTTP exchange is kept once it is a
 * WebSocket. Why: through WebFlux's exchange, filter chain, handler mapping and session, an
 * upgrade cost several times the code (which a cold JVM on one core runs interpreted while it
 * compiles it, so 1,000 clients arriving together waited seconds) and each connection kept the
 * request's headers, attributes and session for its whole life (docs/performance.md, issue 18).
 *
 * <p>Only what the filters would let through unchanged takes this path, decided by the same
 * {@link AccessPolicy}, {@link OriginPolicy} and {@link StreamAdmission}: no credential in the
 * request (the loopback client of protected mode, open mode, and a client that authenticates with
 * the {@code auth} message), an allowed or absent {@code Origin}, no {@code Accept} header to
 * check, no proxy's forwarding header. Everything else (a credential in the headers or the query, which is charged to the
 * address's and the key's request budgets; a refusal of access or origin, which is audited;
 * a later request on a keep-alive connection; the seed systems' stream paths) goes through
 * WebFlux exactly as before. A refusal by the connection caps is answered here, 503 or 429 with
 * the same JSON body.
 */
public final class DirectUpgrades implements NettyServerCustomizer {

    static final String PATH = "/ws";

    private final AccessPolicy policy;
    private final OriginPolicy origins;
    private final StreamAdmission admission;
    private final NativeStreamHandler handler;
    private final ClosingChannels closing;
    private final MeterRegistry meters;
    private final int maxFrameBytes;
    private final Scope scope;
    private final io.micrometer.core.instrument.Counter upgraded;

    public DirectUpgrades(AccessPolicy policy, OriginPolicy origins, StreamAdmission admission,
                          NativeStreamHandler handler, ClosingChannels closing, MeterRegistry meters, int maxFrameBytes) {
        this.policy = policy;
        this.origins = origins;
        this.admission = admission;
        this.handler = handler;
        this.closing = closing;
        this.meters = meters;
        this.maxFrameBytes = maxFrameBytes;
        if (!(RouteScopes.of(org.springframework.http.HttpMethod.GET, PATH) instanceof RouteScopes.Needs needs)) {
            throw new IllegalStateException(PATH + " must need a scope");
        }
        this.scope = needs.scope();
        this.upgraded = upgrades(meters, "direct");
    }

    /** {@code tickhub.stream.upgrades{path}}: WebSocket upgrades by the path that took them, direct or webflux. */
    static io.micrometer.core.instrument.Counter upgrades(MeterRegistry meters, String path) {
        return io.micrometer.core.instrument.Counter.builder("tickhub.stream.upgrades").tag("path", path)
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

    /** Admitted: upgrade, and open the native protocol with the upgrade's query. */
    record Upgrade(StreamAdmission.Permit permit, String query) implements Verdict {
    }

    private static final Verdict PASS_ON = new PassOn();

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
                || forwarded(headers)
                || headers.contains(HttpHeaderNames.AUTHORIZATION) || headers.contains("X-API-Key")
                || (query != null && NativeStreamHandler.queryParam(query, "token") != null)) {
            return PASS_ON;
        }
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        if (origin != null && !origins.allows(origin, headers.get(HttpHeaderNames.HOST))) {
            return PASS_ON;
        }
        Grant grant = null;
        boolean pending = false;
        switch (policy.decide(new org.springframework.http.HttpHeaders(new Netty4HeadersAdapter(headers)), remote, null)) {
            case AccessPolicy.Allowed allowed when allowed.grant().allows(scope) -> grant = allowed.grant();
            case AccessPolicy.Refused refused when refused.code().equals(AccessPolicy.NOT_AUTHENTICATED) -> pending = true;
            default -> {
                return PASS_ON;
            }
        }
        StreamAdmission.Admission admitted = admission.admit(remote, grant, pending);
        if (admitted.refusal() != null) {
            return new Refused(admitted.refusal());
        }
        return new Upgrade(admitted.permit(), query);
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
