package io.tickhub.server.stream;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.util.ReferenceCountUtil;
import io.tickhub.server.http.error.ErrorBodies;
import io.tickhub.server.http.limits.HttpConnectionGuard;
import io.tickhub.server.security.AddressRateFilter;
import io.tickhub.server.security.ClientBuckets;
import io.tickhub.server.security.RateLimitHeaders;
import java.net.InetSocketAddress;
import reactor.netty.NettyPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * One connection's first request, on its event loop, right after Reactor Netty's HTTP codec: a
 * request {@link DirectUpgrades} does not take goes on to WebFlux, and this handler leaves the
 * pipeline; one it takes is upgraded here. Reactor Netty's handlers after this one leave with it,
 * Netty's handshaker swaps the HTTP codec for the WebSocket frame codec (with the decoder
 * {@link WebSocketPipeline} wants), and the native protocol reads whole messages at the end of
 * the pipeline ({@link DirectFrames}).
 */
final class DirectUpgrade extends ChannelInboundHandlerAdapter {

    static final String NAME = "tickhub.directUpgrade";
    private static final String AGGREGATOR = "tickhub-aggregator";

    private final DirectUpgrades upgrades;
    /** The request being taken, until its end (a GET's empty content) has been read. */
    private HttpRequest request;
    private DirectUpgrades.Verdict verdict;

    DirectUpgrade(DirectUpgrades upgrades) {
        this.upgrades = upgrades;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (verdict == null) {
            if (!(msg instanceof HttpRequest first)) {
                ctx.fireChannelRead(msg);
                return;
            }
            DirectUpgrades.Verdict judged = first.decoderResult().isSuccess()
                    ? upgrades.judge(first, (InetSocketAddress) ctx.channel().remoteAddress())
                    : DirectUpgrades.PASS_ON;
            if (judged instanceof DirectUpgrades.PassOn) {
                ctx.pipeline().remove(this); // later requests are WebFlux's, as this one
                ctx.fireChannelRead(msg);
                return;
            }
            verdict = judged;
            request = first;
        }
        // The request's content (none, for a GET) is read here, not by WebFlux; at its end, the answer.
        boolean last = msg instanceof LastHttpContent;
        ReferenceCountUtil.release(msg);
        if (last) {
            answer(ctx);
        }
    }

    private void answer(ChannelHandlerContext ctx) {
        switch (verdict) {
            case DirectUpgrades.Refused refused -> refuse(ctx, refused.refusal().status().value(),
                    refused.refusal().code(), refused.refusal().detail(), null);
            case DirectUpgrades.Limited limited -> refuse(ctx, 429, AddressRateFilter.RATE_LIMITED, limited.detail(),
                    limited.charge());
            case DirectUpgrades.Upgrade upgrade -> upgrade(ctx, upgrade);
            case DirectUpgrades.PassOn ignored -> throw new IllegalStateException("passed on requests are not answered");
        }
    }

    private void refuse(ChannelHandlerContext ctx, int status, String code, String detail, ClientBuckets.Charge charge) {
        // The body and type WebFlux's ErrorResponses writes on this route.
        HttpStatus known = HttpStatus.valueOf(status);
        Map<String, Object> body = ErrorBodies.body(DirectUpgrades.PATH, known, known.getReasonPhrase(), detail, List.of());
        body.put("code", code);
        byte[] bytes = upgrades.json().writeValueAsBytes(body);
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(bytes));
        rateLimitFields(response.headers(), charge);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, ErrorBodies.contentType(DirectUpgrades.PATH).toString())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** The charge's rate-limit fields (RateLimitHeaders), as WebFlux sets them on the same answer. */
    private static void rateLimitFields(HttpHeaders headers, ClientBuckets.Charge charge) {
        if (charge != null) {
            org.springframework.http.HttpHeaders fields = new org.springframework.http.HttpHeaders();
            RateLimitHeaders.set(fields, charge);
            fields.forEach(headers::set);
        }
    }

    private void upgrade(ChannelHandlerContext ctx, DirectUpgrades.Upgrade upgrade) {
        Channel channel = ctx.channel();
        ChannelPipeline pipeline = ctx.pipeline();
        StreamAdmission.Permit permit = upgrade.permit();
        // From here the connection is a WebSocket: Reactor Netty's request handling leaves the pipeline.
        List<String> after = new ArrayList<>();
        boolean past = false;
        for (Map.Entry<String, ChannelHandler> entry : pipeline) {
            if (past) {
                after.add(entry.getKey());
            }
            past |= entry.getKey().equals(NAME);
        }
        after.forEach(pipeline::remove);
        for (String between : new String[] {HttpConnectionGuard.DECODING_FAILURE_BODIES, NettyPipeline.IdleTimeoutHandler}) {
            if (pipeline.get(between) != null) {
                pipeline.remove(between); // a WebSocket has its own heartbeat, and no more requests
            }
        }
        pipeline.remove(this);
        int maxFrameBytes = upgrades.maxFrameBytes();
        String host = request.headers().get(HttpHeaderNames.HOST, "localhost");
        WebSocketServerHandshaker13 handshaker = new WebSocketServerHandshaker13("ws://" + host + DirectUpgrades.PATH,
                null, WebSocketPipeline.decoderConfig(maxFrameBytes));
        DefaultFullHttpRequest full = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                request.uri(), Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE);
        request = null;
        HttpHeaders answerHeaders = new DefaultHttpHeaders();
        rateLimitFields(answerHeaders, upgrade.charge());
        handshaker.handshake(channel, full, answerHeaders, channel.newPromise()).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                channel.close();
            }
        });
        WebSocketPipeline.addEdges(pipeline, maxFrameBytes, upgrades.closing(), upgrades.meters());
        pipeline.addLast(AGGREGATOR, new WebSocketFrameAggregator(maxFrameBytes));
        LiveStream live = permit.live();
        NativeStreamHandler.NativeInbound inbound;
        try {
            inbound = upgrades.handler().start(channel, upgrade.query(), live);
        } catch (RuntimeException e) {
            permit.release();
            channel.close();
            throw e;
        }
        pipeline.addLast(DirectFrames.NAME, new DirectFrames(inbound, upgrades.closing(), permit));
        upgrades.upgraded();
        // Reactor Netty reads on demand (its receive flux's requests); a WebSocket reads whatever comes.
        channel.config().setAutoRead(true);
        if (!channel.isActive()) {
            // Gone while being upgraded: channelInactive has passed, so the end is run here.
            DirectFrames.ended(channel, inbound, permit);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (verdict instanceof DirectUpgrades.Upgrade upgrade) {
            upgrade.permit().release(); // gone before its request ended: never upgraded
        }
        ctx.fireChannelInactive();
    }
}
