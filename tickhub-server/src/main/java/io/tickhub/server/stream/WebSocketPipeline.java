package io.tickhub.server.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket protocol at its edges (RFC 6455), for every {@code /ws} endpoint. Reactor Netty
 * builds its frame decoder with extensions allowed and no UTF-8 check, and does not let the
 * decoder be configured, so after the handshake the pipeline is set right:
 * <ul>
 *   <li>the decoder is replaced by one with extensions refused (a frame with RSV1/2/3 set closes
 *       with 1002), a frame over {@code max-frame-bytes} closing with 1009, and every protocol
 *       violation closing the connection;</li>
 *   <li>a message over {@code max-frame-bytes} in several fragments closes with 1009 as soon as
 *       its fragments pass the limit (Reactor's aggregator would close it with 1002);</li>
 *   <li>text that is not valid UTF-8 closes with 1007 (Netty's {@link Utf8FrameValidator}, across
 *       fragments);</li>
 *   <li>every close frame the hub sends gets the close timeout ({@link ClosingChannels}) and is
 *       counted in {@code tickhub.stream.close.frames{code}};</li>
 *   <li>the decoding errors behind those closes end there: they are the client's, the close frame
 *       says so, and they are not logged as the hub's errors.</li>
 * </ul>
 */
final class WebSocketPipeline {

    /** The names Netty's handshaker gives its frame codec. */
    static final String DECODER = "wsdecoder";

    private static final Logger log = LoggerFactory.getLogger(WebSocketPipeline.class);

    private WebSocketPipeline() {
    }

    /**
     * Sets {@code channel}'s pipeline right. Runs on the channel's event loop right after the
     * handshake, before any frame is read, so no partly decoded frame is lost with the old decoder.
     */
    static void harden(Channel channel, int maxMessageBytes, ClosingChannels closing, MeterRegistry meters) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(DECODER) == null) {
            return; // not Netty's handshaker: nothing to set right
        }
        pipeline.replace(DECODER, DECODER, new WebSocket13FrameDecoder(decoderConfig(maxMessageBytes)));
        addEdges(pipeline, maxMessageBytes, closing, meters);
    }

    /**
     * The edges around a decoder built with {@link #decoderConfig} already: the close watch, the
     * message size limit across fragments, UTF-8, and the end of the client's protocol errors.
     */
    static void addEdges(ChannelPipeline pipeline, int maxMessageBytes, ClosingChannels closing, MeterRegistry meters) {
        // Before the decoder: it sees the close frames the decoder writes on a violation, and every later one.
        pipeline.addBefore(DECODER, "tickhub-close-watch", new CloseFrameWatch(closing, meters));
        pipeline.addAfter(DECODER, "tickhub-message-size", new MessageSizeLimit(maxMessageBytes));
        pipeline.addAfter("tickhub-message-size", "tickhub-utf8", new Utf8FrameValidator(true));
        pipeline.addAfter("tickhub-utf8", "tickhub-protocol-errors", new ProtocolErrors(closing));
    }

    static WebSocketDecoderConfig decoderConfig(int maxFrameBytes) {
        return WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFrameBytes)
                .allowExtensions(false)          // no extension is ever negotiated (no compression)
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .closeOnProtocolViolation(true)
                .withUTF8Validator(true)         // applied by the Utf8FrameValidator added after the decoder
                .build();
    }

    /** Closes with 1009 a message whose fragments add up to more than the limit; drops what follows. */
    static final class MessageSizeLimit extends ChannelInboundHandlerAdapter {

        private final int maxBytes;
        private long messageBytes;
        private boolean refused;

        MessageSizeLimit(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                messageBytes = ((WebSocketFrame) msg).content().readableBytes();
            } else if (msg instanceof ContinuationWebSocketFrame continuation) {
                messageBytes += continuation.content().readableBytes();
            } else {
                ctx.fireChannelRead(msg);
                return;
            }
            if (messageBytes > maxBytes) {
                refused = true;
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                        "message over " + maxBytes + " bytes")).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Gives every close frame the hub writes its deadline, and counts it by code. */
    static final class CloseFrameWatch extends ChannelOutboundHandlerAdapter {

        private final ClosingChannels closing;
        private final MeterRegistry meters;

        CloseFrameWatch(ClosingChannels closing, MeterRegistry meters) {
            this.closing = closing;
            this.meters = meters;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof CloseWebSocketFrame close) {
                closing.closing(ctx.channel());
                meters.counter("tickhub.stream.close.frames", "code", Integer.toString(close.statusCode())).increment();
            }
            ctx.write(msg, promise);
        }
    }

    /**
     * The end of the line for a client's protocol errors: the decoder or the validator has written
     * the close frame already; the exception only says why, and is the client's, not the hub's.
     */
    static final class ProtocolErrors extends ChannelInboundHandlerAdapter {

        private final ClosingChannels closing;

        ProtocolErrors(ClosingChannels closing) {
            this.closing = closing;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (isClientProtocolError(cause)) {
                log.debug("WebSocket protocol error from {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
                closing.closing(ctx.channel()); // closed already, or hard at the close timeout
                return;
            }
            ctx.fireExceptionCaught(cause);
        }

        private static boolean isClientProtocolError(Throwable cause) {
            Throwable error = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            return error instanceof CorruptedFrameException || error instanceof TooLongFrameException;
        }
    }
}
