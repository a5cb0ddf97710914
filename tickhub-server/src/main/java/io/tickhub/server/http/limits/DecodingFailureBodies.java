package io.tickhub.server.http.limits;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.tickhub.server.http.error.ErrorBodies;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.ObjectMapper;

/**
 * Gives a JSON body to the answers Reactor Netty writes itself, with no body, when it cannot decode
 * a request: 400 (a malformed request line, or a path such as {@code /tickers/%zz} it cannot decode),
 * 414 (request line over {@code server.netty.max-initial-line-length}) and 431 (headers over
 * {@code server.max-http-request-header-size}). The body has the shape of the request's route
 * ({@link ErrorBodies}); a request line too long to read has no route, so it gets {@code {"detail": ...}}.
 * Sits right after the HTTP codec, where such answers pass on their way out.
 */
final class DecodingFailureBodies extends ChannelDuplexHandler {

    static final String NAME = "tickhub.decodingFailureBodies";

    private final ObjectMapper json;
    private final LimitRefusals refusals;
    private String lastPath = "/";

    DecodingFailureBodies(ObjectMapper json, LimitRefusals refusals) {
        this.json = json;
        this.refusals = refusals;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            lastPath = pathOf(request.uri());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof FullHttpResponse response && isBareDecodingFailure(response)) {
            int code = response.status().code();
            if (code == 414) {
                refusals.count("request_line");
            } else if (code == 431) {
                refusals.count("request_headers");
            }
            response.release();
            super.write(ctx, withBody(code), promise);
            return;
        }
        super.write(ctx, msg, promise);
    }

    private static boolean isBareDecodingFailure(FullHttpResponse response) {
        int code = response.status().code();
        return (code == 400 || code == 414 || code == 431) && !response.content().isReadable()
                && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
    }

    private FullHttpResponse withBody(int code) {
        HttpStatus status = HttpStatus.valueOf(code);
        String detail = switch (code) {
            case 414 -> "Request line too long";
            case 431 -> "Request headers too large";
            default -> "Malformed request";
        };
        Map<String, Object> body = ErrorBodies.body(lastPath, status, status.getReasonPhrase(), detail, List.of());
        byte[] bytes = json.writeValueAsBytes(body);
        FullHttpResponse response = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                io.netty.handler.codec.http.HttpResponseStatus.valueOf(code), Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, ErrorBodies.contentType(lastPath).toString())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    /** The raw path of a request target, origin-form or absolute-form, without its query. */
    static String pathOf(String uri) {
        String path = uri;
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash >= 0 ? path.substring(slash) : "/";
        }
        int query = path.indexOf('?');
        return query >= 0 ? path.substring(0, query) : path;
    }
}
