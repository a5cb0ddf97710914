package io.tickhub.core.fanout;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.tickhub.core.access.Credentials;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.retry.ClockTimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The native protocol (system D's superset) for one connection: applies each decoded client
 * message to the fan-outs (quotes, news) and answers it. Confined to the connection's inbound thread.
 *
 * <p>Bad input never closes the connection: it gets an {@code error} frame with a stable code.
 * Only sustained flooding does: past {@code maxMessagesPerSecond} each message is refused with
 * {@code rate_limited}, and a client that keeps going for as many messages again is closed with 4029.
 */
public final class NativeSession {

    public static final String QUOTES = "quotes";
    public static final String NEWS = "news";
    public static final String EVERY_SYMBOL = "*";
    /** Every channel of the protocol: quotes, news and one per bar interval. */
    public static final Set<String> KNOWN_CHANNELS = knownChannels();
    /** Above this a maxRate limits nothing a client could notice; refusing it catches unit mistakes. */
    static final double MAX_RATE_CEILING = 1000;

    private final Connection connection;
    private final FanOut fanOut;
    private final NewsFanOut news;
    private final BarFanOut bars;
    private final SessionLimits limits;
    private final Bucket bucket;
    private final QuoteResumes resumes;
    /** The {@code auth} action; null where the hub checks no credentials (tests, tools). */
    private final NativeAuth auth;
    /** Quote symbols ({@code *} included) that have a maxRate on this connection. */
    private final Set<String> throttled = new java.util.HashSet<>();
    private int refusedInARow;

    public NativeSession(Connection connection, FanOut fanOut, NewsFanOut news, BarFanOut bars, Clock clock,
                         SessionLimits limits) {
        this(connection, fanOut, news, bars, clock, limits, StoredResume.NONE);
    }

    /** @param storedResume where a resume older than the book's ring is read from */
    public NativeSession(Connection connection, FanOut fanOut, NewsFanOut news, BarFanOut bars, Clock clock,
                         SessionLimits limits, StoredResume storedResume) {
        this(connection, fanOut, news, bars, clock, limits, storedResume, null, null);
    }

    /**
     * @param credentials verifies the token of an {@code auth} action; with {@code binder}, needs the
     *                    connection's {@link ConnectionGrant} set ({@link Connection#access()})
     * @param binder      ties a connection that authenticates by message to its subject
     */
    public NativeSession(Connection connection, FanOut fanOut, NewsFanOut news, BarFanOut bars, Clock clock,
                         SessionLimits limits, StoredResume storedResume, Credentials credentials,
                         GrantBinder binder) {
        this.connection = connection;
        this.auth = credentials == null || connection.access() == null ? null
                : new NativeAuth(connection, connection.access(), credentials, binder);
        this.resumes = new QuoteResumes(connection, fanOut, storedResume, this::tellRefusedUpstream);
        this.fanOut = fanOut;
        this.news = news;
        this.bars = bars;
        this.limits = limits;
        int perSecond = limits.maxMessagesPerSecond();
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(new ClockTimeMeter(clock))
                .build();
    }

    private static Set<String> knownChannels() {
        Set<String> channels = new java.util.LinkedHashSet<>(List.of(QUOTES, NEWS));
        for (BarInterval interval : BarInterval.values()) {
            channels.add(interval.channel());
        }
        return java.util.Collections.unmodifiableSet(channels);
    }

    /** Handles one client message. */
    public void handle(ClientMessage message) {
        if (message.onlyNativeClientsSend()) {
            connection.clientSpokeNative();
        }
        if (!bucket.tryConsume(1)) {
            if (++refusedInARow > limits.maxMessagesPerSecond()) {
                connection.close(Connection.RATE_LIMITED, "rate limited");
            } else {
                error("rate_limited", "More than " + limits.maxMessagesPerSecond() + " messages per second; slow down");
            }
            return;
        }
        refusedInARow = 0;
        if (auth != null && !auth.authenticated() && !servedBeforeAuth(message)) {
            error(AccessMessages.NOT_AUTHENTICATED, "Authenticate first: {\"action\":\"auth\",\"token\":\"<API key or JWT>\"}");
            return;
        }
        switch (message) {
            case ClientMessage.Subscribe s -> subscribe(s);
            case ClientMessage.Unsubscribe u -> unsubscribe(u);
            case ClientMessage.ListSubscriptions l -> connection.send(NativeMessages.subscriptions(
                    SubscriptionListing.of(connection, resumes.awaiting(), news, bars)));
            case ClientMessage.Ping p -> connection.send(NativeMessages.pong(p.idJson()));
            case ClientMessage.TextPing t -> connection.send(NativeMessages.textPong());
            case ClientMessage.Auth a -> {
                if (auth == null) {
                    error("bad_request", "Authentication is not enabled on this server");
                } else {
                    auth.auth(a.token());
                }
            }
            case ClientMessage.Invalid i -> error(i.code(), i.message());
            case ClientMessage.UnknownAction u -> connection.send(NativeMessages.error("unknown_action",
                    "Unknown action: " + u.action()));
        }
    }

    /** Before {@code auth}: only {@code auth}, {@code ping} and answers to malformed input. */
    private static boolean servedBeforeAuth(ClientMessage message) {
        return message instanceof ClientMessage.Auth || message instanceof ClientMessage.Ping
                || message instanceof ClientMessage.TextPing || message instanceof ClientMessage.Invalid;
    }

    private void subscribe(ClientMessage.Subscribe request) {
        List<String> channels = request.channels().isEmpty() ? List.of(QUOTES) : request.channels();
        if (!channelsOk(channels)) {
            return;
        }
        Double maxRate = request.maxRate();
        if (maxRate != null && !(maxRate > 0 && maxRate <= MAX_RATE_CEILING)) {
            error("bad_request", "maxRate must be a number of updates per second above 0 and at most "
                    + (int) MAX_RATE_CEILING);
            return;
        }
        long intervalMicros = maxRate == null ? 0 : Math.max(1, Math.round(1_000_000 / maxRate));
        List<NativeMessages.Rejection> rejected = new ArrayList<>();
        Map<String, String> symbols = SubscribeArguments.symbols(request.symbols(), limits.allowWildcard(), rejected); // normalised -> as sent
        Map<String, Long> resumeBySymbol = SubscribeArguments.resumeBySymbol(request.resume());
        // Seqs of another epoch may name other updates here: such a resume is never replayed.
        boolean otherEpoch = request.epoch() != null && !request.epoch().equals(connection.epoch().id());
        Set<String> accepted = new LinkedHashSet<>();
        SubscribeBatch quotes = fanOut.batch(connection);
        SubscriptionAdmission admission = new SubscriptionAdmission(connection, limits.maxSubscriptions(), resumes::count);
        for (String channel : channels) {
            BarInterval interval = BarInterval.ofChannel(channel).orElse(null);
            List<String> barSymbols = new ArrayList<>();
            for (Map.Entry<String, String> symbol : symbols.entrySet()) {
                String name = symbol.getKey();
                boolean every = EVERY_SYMBOL.equals(name);
                if (holds(channel, interval, name)) {
                    if (QUOTES.equals(channel)) {
                        throttle(quotes, name, intervalMicros); // a new maxRate for a symbol already held
                    }
                    accepted.add(name);
                    continue;
                }
                String refusal = admission.admit();
                if (refusal != null) {
                    rejected.add(new NativeMessages.Rejection(symbol.getValue(), refusal, channel));
                    continue;
                }
                switch (channel) {
                    case QUOTES -> {
                        throttle(quotes, name, intervalMicros);
                        if (every) {
                            quotes.subscribeAll(request.snapshot());
                        } else {
                            String raw = symbol.getValue();
                            Long resumeAfter = request.resume().containsKey(raw) ? request.resume().get(raw)
                                    : resumeBySymbol.get(name);
                            resumes.subscribe(quotes, name, request.snapshot(), resumeAfter, otherEpoch);
                        }
                    }
                    case NEWS -> {
                        if (every) {
                            news.subscribeAll(connection, false);
                        } else {
                            news.subscribe(connection, name);
                        }
                    }
                    default -> {
                        if (every) {
                            bars.subscribeAll(connection, interval);
                        } else {
                            barSymbols.add(name);
                            admission.holdForLater();
                        }
                    }
                }
                accepted.add(name);
            }
            if (!barSymbols.isEmpty()) {
                bars.subscribe(connection, interval, barSymbols, request.snapshot());
                admission.made();
            }
        }
        // One queue item for every marker of this message, so no subscribe can fill the queue.
        quotes.commit();
        resumes.commit();
        List<String> overSubjectUpstream = quotes.refusedForSubject();
        for (String name : overSubjectUpstream) {
            rejected.add(new NativeMessages.Rejection(symbols.get(name), AccessMessages.UPSTREAM_LIMIT, QUOTES));
            if (channels.size() == 1) {
                accepted.remove(name);
            }
        }
        // Snapshot markers were queued before this reply, so snapshots may arrive before it: clients
        // must not depend on the order of the two (docs/protocol.md).
        connection.send(NativeMessages.subscription("subscribed", request.symbols(), accepted, rejected, channels));
        admission.report();
        AccessMessages.refusedForSubject(connection, overSubjectUpstream);
        tellRefusedUpstream(quotes.refusedUpstream());
    }

    /**
     * Symbols just subscribed that the streaming provider's cap keeps out: the client keeps them, is
     * told, and each one counts in {@code tickhub.limits.refused{limit=upstream_symbols}}.
     */
    private void tellRefusedUpstream(List<String> symbols) {
        if (!symbols.isEmpty()) {
            connection.metrics().refused(NativeMessages.UPSTREAM_SYMBOLS_LIMIT, symbols.size());
            connection.send(NativeMessages.upstreamLimit(symbols));
        }
    }

    /** Whether the connection already has {@code name} on {@code channel} (quotes waiting for the store included). */
    private boolean holds(String channel, BarInterval interval, String name) {
        boolean every = EVERY_SYMBOL.equals(name);
        return switch (channel) {
            case QUOTES -> every ? connection.isWildcard() : hasQuotes(name);
            case NEWS -> every ? news.isSubscribedToAll(connection) : news.isSubscribed(connection, name);
            default -> every ? bars.isSubscribedToAll(connection, interval)
                    : bars.isSubscribed(connection, interval, name);
        };
    }

    private boolean hasQuotes(String symbol) {
        return connection.symbols().contains(symbol) || resumes.isAwaiting(symbol);
    }

    /** Sets or lifts a quote symbol's maxRate; queued ahead of the subscription so the first delta obeys it. */
    private void throttle(SubscribeBatch quotes, String symbol, long intervalMicros) {
        if (intervalMicros > 0) {
            throttled.add(symbol);
            quotes.throttle(symbol, intervalMicros);
        } else if (throttled.remove(symbol)) {
            quotes.throttle(symbol, 0);
        }
    }

    private void unsubscribe(ClientMessage.Unsubscribe request) {
        List<String> channels = request.channels().isEmpty() ? List.of(QUOTES) : request.channels();
        if (!channelsOk(channels)) {
            return;
        }
        List<NativeMessages.Rejection> rejected = new ArrayList<>();
        Map<String, String> symbols = SubscribeArguments.symbols(request.symbols(), limits.allowWildcard(), rejected);
        Set<String> removed = new LinkedHashSet<>();
        SubscribeBatch quotes = fanOut.batch(connection);
        for (String channel : channels) {
            BarInterval interval = BarInterval.ofChannel(channel).orElse(null);
            for (Map.Entry<String, String> symbol : symbols.entrySet()) {
                String name = symbol.getKey();
                boolean every = EVERY_SYMBOL.equals(name);
                boolean was = switch (channel) {
                    case QUOTES -> every ? quotes.unsubscribeAll()
                            : resumes.cancel(name) || quotes.unsubscribe(name);
                    case NEWS -> every ? news.unsubscribeAll(connection) : news.unsubscribe(connection, name);
                    default -> every ? bars.unsubscribeAll(connection, interval)
                            : bars.unsubscribe(connection, interval, name);
                };
                if (was) {
                    removed.add(name);
                    if (QUOTES.equals(channel) && throttled.remove(name) && every) {
                        quotes.throttle(name, 0);
                    }
                } else {
                    rejected.add(new NativeMessages.Rejection(symbol.getValue(), "not_subscribed", channel));
                }
            }
        }
        quotes.commit();
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

    private void error(String code, String message) {
        connection.send(NativeMessages.error(code, message));
    }
}
