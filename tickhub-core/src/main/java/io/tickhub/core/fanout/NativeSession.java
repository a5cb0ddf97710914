package io.tickhub.core.fanout;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.tickhub.core.quote.InvalidSymbolException;
import io.tickhub.core.quote.Symbols;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The native protocol (system D's superset) for one connection: applies each decoded client
 * message to the fan-out and answers it. Confined to the connection's inbound thread.
 *
 * <p>Bad input never closes the connection: it gets an {@code error} frame with a stable code.
 * Only sustained flooding does: past {@code maxMessagesPerSecond} each message is refused with
 * {@code rate_limited}, and a client that keeps going for as many messages again is closed with 4029.
 */
public final class NativeSession {

    /** The one channel the hub produces today; bars (issue #4) and news are listed as unavailable. */
    public static final String QUOTES = "quotes";
    static final Set<String> KNOWN_CHANNELS = Set.of(QUOTES, "news", "bars.1s", "bars.1m", "bars.5m", "bars.1h",
            "bars.1d");

    private final Connection connection;
    private final FanOut fanOut;
    private final int maxSymbols;
    private final int maxMessagesPerSecond;
    private final Bucket bucket;
    private int refusedInARow;

    public NativeSession(Connection connection, FanOut fanOut, Clock clock, int maxSymbols, int maxMessagesPerSecond) {
        this.connection = connection;
        this.fanOut = fanOut;
        this.maxSymbols = maxSymbols;
        this.maxMessagesPerSecond = maxMessagesPerSecond;
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(maxMessagesPerSecond)
                        .refillGreedy(maxMessagesPerSecond, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(new ClockTimeMeter(clock))
                .build();
    }

    /** Handles one client message. */
    public void handle(ClientMessage message) {
        if (!bucket.tryConsume(1)) {
            if (++refusedInARow > maxMessagesPerSecond) {
                connection.close(Connection.RATE_LIMITED, "rate limited");
            } else {
                error("rate_limited", "More than " + maxMessagesPerSecond + " messages per second; slow down");
            }
            return;
        }
        refusedInARow = 0;
        switch (message) {
            case ClientMessage.Subscribe s -> subscribe(s);
            case ClientMessage.Unsubscribe u -> unsubscribe(u);
            case ClientMessage.ListSubscriptions l -> connection.send(
                    NativeMessages.subscriptions(Map.of(QUOTES, new TreeSet<>(connection.symbols()))));
            case ClientMessage.Ping p -> connection.send(NativeMessages.pong(p.idJson()));
            case ClientMessage.TextPing t -> connection.send("pong".getBytes(StandardCharsets.US_ASCII));
            case ClientMessage.Auth a -> error("bad_request", "Authentication is not enabled on this server");
            case ClientMessage.Invalid i -> error(i.code(), i.message());
            case ClientMessage.UnknownAction u -> connection.send(NativeMessages.error("unknown_action",
                    "Unknown action: " + u.action()));
        }
    }

    private void subscribe(ClientMessage.Subscribe request) {
        if (request.maxRate() != null) {
            error("bad_request", "maxRate is not supported by this server yet");
            return;
        }
        List<String> channels = request.channels().isEmpty() ? List.of(QUOTES) : request.channels();
        List<NativeMessages.Rejection> rejected = new ArrayList<>();
        if (!channelsOk(channels)) {
            return;
        }
        if (!channels.contains(QUOTES)) {
            for (String raw : request.symbols()) {
                rejected.add(new NativeMessages.Rejection(raw, "channel_unavailable"));
            }
            connection.send(NativeMessages.subscription("subscribed", request.symbols(), List.of(), rejected, channels));
            return;
        }
        Map<String, Long> resumeBySymbol = normaliseKeys(request.resume());
        Set<String> accepted = new LinkedHashSet<>();
        for (String raw : request.symbols()) {
            String symbol = normalise(raw, rejected);
            if (symbol == null) {
                continue;
            }
            if (!connection.symbols().contains(symbol) && connection.symbols().size() >= maxSymbols) {
                rejected.add(new NativeMessages.Rejection(raw, "too_many_symbols"));
                continue;
            }
            Long resumeAfter = request.resume().containsKey(raw) ? request.resume().get(raw)
                    : resumeBySymbol.get(symbol);
            fanOut.subscribe(connection, symbol, request.snapshot(), resumeAfter);
            accepted.add(symbol);
        }
        for (String channel : channels) {
            if (!QUOTES.equals(channel)) {
                rejected.add(new NativeMessages.Rejection(channel, "channel_unavailable"));
            }
        }
        // Snapshot markers were queued before this reply, so snapshots may arrive before it: clients
        // must not depend on the order of the two (docs/protocol.md).
        connection.send(NativeMessages.subscription("subscribed", request.symbols(), accepted, rejected, channels));
        if (accepted.isEmpty() && !rejected.isEmpty() && rejected.stream().allMatch(r -> "too_many_symbols".equals(r.reason()))) {
            error("too_many_symbols", "At most " + maxSymbols + " symbols per connection");
        }
    }

    private void unsubscribe(ClientMessage.Unsubscribe request) {
        List<String> channels = request.channels().isEmpty() ? List.of(QUOTES) : request.channels();
        if (!channelsOk(channels)) {
            return;
        }
        List<NativeMessages.Rejection> rejected = new ArrayList<>();
        Set<String> removed = new LinkedHashSet<>();
        for (String raw : request.symbols()) {
            String symbol = normalise(raw, rejected);
            if (symbol == null) {
                continue;
            }
            if (fanOut.unsubscribe(connection, symbol)) {
                removed.add(symbol);
            } else {
                rejected.add(new NativeMessages.Rejection(raw, "not_subscribed"));
            }
        }
        connection.send(NativeMessages.subscription("unsubscribed", request.symbols(), removed, rejected, channels));
    }

    private boolean channelsOk(List<String> channels) {
        for (String channel : channels) {
            if (!KNOWN_CHANNELS.contains(channel)) {
                error("bad_request", "Unknown channel '" + channel + "'; known: " + new TreeSet<>(KNOWN_CHANNELS));
                return false;
            }
        }
        return true;
    }

    private static String normalise(String raw, List<NativeMessages.Rejection> rejected) {
        if ("*".equals(raw)) {
            rejected.add(new NativeMessages.Rejection(raw, "wildcard_not_allowed"));
            return null;
        }
        try {
            return Symbols.normalize(raw);
        } catch (InvalidSymbolException e) {
            rejected.add(new NativeMessages.Rejection(raw, "invalid_symbol"));
            return null;
        }
    }

    /**
     * The resume map keyed by normalised symbol, built once per subscribe. Where several keys name
     * the same symbol, one already in normal form wins, then the first in sorted order; keys that
     * are not symbols are left out.
     */
    private static Map<String, Long> normaliseKeys(Map<String, Long> resume) {
        if (resume.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> out = new java.util.HashMap<>();
        for (Map.Entry<String, Long> e : new TreeMap<>(resume).entrySet()) {
            if (Symbols.isValid(e.getKey()) && Symbols.normalize(e.getKey()).equals(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Long> e : new TreeMap<>(resume).entrySet()) {
            if (Symbols.isValid(e.getKey())) {
                out.putIfAbsent(Symbols.normalize(e.getKey()), e.getValue());
            }
        }
        return out;
    }

    private void error(String code, String message) {
        connection.send(NativeMessages.error(code, message));
    }

    /** Bucket4j measures time with the injected clock, so tests move it instead of waiting. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
