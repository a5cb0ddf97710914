package io.tickhub.core.fanout;

import java.util.List;
import java.util.Map;

/**
 * A client's message on the native protocol, decoded by the transport (JSON lives in the
 * server). Immutable.
 */
public sealed interface ClientMessage {

    /**
     * Whether only a native client sends this: system D's clients send {@code subscribe} and {@code unsubscribe}
     * with {@code symbols} alone. Any other action, or a native field ({@code channels}, {@code snapshot:false},
     * {@code resume}, {@code epoch}, {@code maxRate}), shows a native client.
     */
    default boolean onlyNativeClientsSend() {
        return switch (this) {
            case Subscribe s -> (s.channels() != null && !s.channels().isEmpty()) || !s.snapshot()
                    || (s.resume() != null && !s.resume().isEmpty()) || s.maxRate() != null || s.epoch() != null;
            case Unsubscribe u -> u.channels() != null && !u.channels().isEmpty();
            case ListSubscriptions l -> true;
            case Ping p -> true;
            case Auth a -> true;
            case TextPing t -> false;
            case Invalid i -> false;
            case UnknownAction a -> false;
        };
    }

    /**
     * @param symbols  symbols exactly as sent (strings; the session normalises and validates them)
     * @param channels requested channels; empty means {@code ["quotes"]}
     * @param snapshot whether to start with each symbol's latest value
     * @param resume   symbol → last seq the client has, to replay from; {@link #POSITION_UNKNOWN}
     *                 for a symbol whose position could not be placed (an SSE {@code Last-Event-ID}
     *                 older than the store reaches): it gets {@code complete:false} and a snapshot
     * @param maxRate  max updates per second per symbol, or {@code null} for no limit
     * @param epoch    the stream epoch the {@code resume} seqs belong to, or {@code null} when the
     *                 client did not say (taken as this hub's, as before epochs existed)
     */
    record Subscribe(List<String> symbols, List<String> channels, boolean snapshot, Map<String, Long> resume,
                     Double maxRate, String epoch) implements ClientMessage {

        /** A resume seq no client can send (the decoder refuses negative seqs): "not known". */
        public static final long POSITION_UNKNOWN = -1;

        /** Without an epoch: the resume seqs, if any, are taken to be of this hub's epoch. */
        public Subscribe(List<String> symbols, List<String> channels, boolean snapshot, Map<String, Long> resume,
                         Double maxRate) {
            this(symbols, channels, snapshot, resume, maxRate, null);
        }
    }

    record Unsubscribe(List<String> symbols, List<String> channels) implements ClientMessage {
    }

    record ListSubscriptions() implements ClientMessage {
    }

    /** @param idJson the ping's {@code id} as JSON text, or {@code null} */
    record Ping(String idJson) implements ClientMessage {
    }

    /** The plain text {@code ping} of system A's clients, answered with the text {@code pong}. */
    record TextPing() implements ClientMessage {
    }

    record Auth(String token) implements ClientMessage {
    }

    /** Something the decoder could not accept; answered with an error frame, the connection stays. */
    record Invalid(String code, String message) implements ClientMessage {
    }

    /** A well-formed message with an action the protocol does not have. */
    record UnknownAction(String action) implements ClientMessage {
    }
}
