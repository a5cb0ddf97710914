package io.tickhub.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The connection state machine and everything that reads the stream. All its state belongs to the
 * {@link Scheduler}'s one thread: transport callbacks, timers and application calls are all
 * posted there, and a connection's callbacks carry its generation so a late one from a connection
 * already replaced is ignored.
 */
final class Session {

    private final ClientConfig config;
    private final Scheduler loop;
    private final Transport transport;
    private final Executor worker;
    private final InboundQueue queue;
    private final ClientCounters counters;
    private final QuoteFlow quotes;
    private final Watchdog watchdog;
    private final Subscriptions subscriptions = new Subscriptions();

    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private int generation;
    private Transport.Connection connection;
    /**
     * Frames of the current attempt that arrived before its open completed: a transport may deliver the
     * hub's first message before the future that hands over the connection has run its callbacks (the
     * JDK's WebSocket does), and the reply to it (the subscriptions) needs the connection.
     */
    private final List<String> beforeOpen = new ArrayList<>();
    /** Read by the REST client on other threads: the gateway the stream is on is the one REST asks. */
    private volatile URI endpoint;
    private int endpointIndex = -1;
    private int attempt;
    private String epoch;
    private boolean awaitingAuth;
    private Scheduler.Cancellable pending;
    private Scheduler.Cancellable backoffReset;

    Session(ClientConfig config, Scheduler loop, Transport transport, Executor worker, HistorySource history,
            InboundQueue queue, ClientCounters counters) {
        this.config = config;
        this.loop = loop;
        this.transport = transport;
        this.worker = worker;
        this.queue = queue;
        this.counters = counters;
        this.quotes = new QuoteFlow(new GapRepair(history, loop, config, counters, this::emit), counters, this::emit);
        this.watchdog = new Watchdog(config, loop, this::emit, this::connectionStale);
    }

    ConnectionState state() {
        return state;
    }

    /** The endpoint of the current (or last) connection; the first one before any. */
    URI endpoint() {
        URI e = endpoint;
        return e == null ? config.endpoints().get(0) : e;
    }

    void start() {
        loop.execute(this::connect);
    }

    void subscribe(List<String> symbols, List<String> channels) {
        loop.execute(() -> {
            subscriptions.add(symbols, channels);
            if (state == ConnectionState.CONNECTED && !awaitingAuth) {
                subscriptions.messages(channels, symbols, quotes::position).forEach(connection::send);
                if (channels.contains(Subscriptions.QUOTES)) {
                    symbols.forEach(watchdog::watch);
                }
            }
        });
    }

    void unsubscribe(List<String> symbols, List<String> channels) {
        loop.execute(() -> {
            subscriptions.remove(symbols, channels);
            if (channels.contains(Subscriptions.QUOTES)) {
                symbols.forEach(s -> {
                    quotes.forget(s);
                    watchdog.forget(s);
                });
            }
            if (state == ConnectionState.CONNECTED && !awaitingAuth) {
                connection.send(MessageCodec.unsubscribe(symbols, channels));
            }
        });
    }

    void close(String reason) {
        loop.execute(() -> finish(1000, reason));
    }

    // ---- connecting ------------------------------------------------------------------------

    private void connect() {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        int gen = ++generation;
        endpointIndex = (endpointIndex + 1) % config.endpoints().size();
        endpoint = config.endpoints().get(endpointIndex);
        URI ws = webSocketUri(endpoint, config.batch());
        CompletableFuture.supplyAsync(this::token, worker)
                .thenCompose(token -> transport.open(ws, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token),
                        events(gen)))
                .whenComplete((c, error) -> loop.execute(() -> opened(gen, c, error)));
    }

    private String token() {
        try {
            return config.credentials() == null ? null : config.credentials().token();
        } catch (Exception e) {
            throw new IllegalStateException("credentials failed: " + e.getMessage(), e);
        }
    }

    static URI webSocketUri(URI base, boolean batch) {
        String scheme = "https".equalsIgnoreCase(base.getScheme()) || "wss".equalsIgnoreCase(base.getScheme()) ? "wss" : "ws";
        String path = base.getPath() == null || base.getPath().isEmpty() || "/".equals(base.getPath()) ? "/ws" : base.getPath();
        return URI.create(scheme + "://" + base.getAuthority() + path + (batch ? "?batch=1" : ""));
    }

    private Transport.Events events(int gen) {
        return new Transport.Events() {
            @Override
            public void text(String message) {
                loop.execute(() -> {
                    if (gen != generation) {
                        return;
                    }
                    if (connection == null) {
                        beforeOpen.add(message);
                    } else {
                        frame(message);
                    }
                });
            }

            @Override
            public void closed(int code, String reason) {
                loop.execute(() -> {
                    if (gen == generation) {
                        lost(code, reason, null);
                    }
                });
            }

            @Override
            public void failed(Throwable error) {
                loop.execute(() -> {
                    if (gen == generation) {
                        lost(1006, String.valueOf(error.getMessage()), null);
                    }
                });
            }
        };
    }

    private void opened(int gen, Transport.Connection c, Throwable error) {
        if (gen != generation || state == ConnectionState.CLOSED) {
            if (c != null) {
                c.abort();
            }
            return;
        }
        if (error != null) {
            Throwable cause = error.getCause() != null && !(error instanceof Transport.UpgradeRefusedException) ? error.getCause() : error;
            if (cause instanceof Transport.UpgradeRefusedException refused) {
                if (CloseCodes.retryableStatus(refused.status())) {
                    retry(refused.status(), refused.getMessage(), refused.retryAfter());
                } else {
                    finish(refused.status(), refused.getMessage());
                }
            } else {
                retry(0, String.valueOf(cause.getMessage()), null);
            }
            return;
        }
        connection = c;
        watchdog.connectionOpened(null);
        List<String> early = List.copyOf(beforeOpen);
        beforeOpen.clear();
        early.forEach(this::frame);
    }

    /** The connection ended (or could not be opened): retry, or close for good. */
    private void lost(int code, String reason, Duration retryAfter) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        if (CloseCodes.retryable(code)) {
            retry(code, reason, retryAfter);
        } else {
            finish(code, reason);
        }
    }

    private void retry(int code, String reason, Duration retryAfter) {
        dropConnection();
        Duration wait = config.backoff().delay(attempt++, retryAfter, config.random());
        counters.reconnect();
        transition(ConnectionState.RECONNECTING, code, reason, wait);
        pending = loop.schedule(this::connect, wait);
    }

    /** Closes for good: the application's close, or a final refusal. */
    private void finish(int code, String reason) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        Transport.Connection c = connection;
        dropConnection();
        if (c != null) {
            c.close(1000, "client closed");
        }
        if (pending != null) {
            pending.cancel();
        }
        watchdog.stop();
        transition(ConnectionState.CLOSED, code, reason, null);
        queue.close("closed" + (code == 0 || code == 1000 ? "" : " with " + code) + ": " + reason);
    }

    private void dropConnection() {
        generation++;
        beforeOpen.clear();
        if (connection != null) {
            connection.abort();
            connection = null;
        }
        if (backoffReset != null) {
            backoffReset.cancel();
        }
        watchdog.connectionClosed();
    }

    private void connectionStale(Instant lastMessageAt) {
        if (connection != null) {
            retry(1006, "no message since " + lastMessageAt, null);
        }
    }

    private void transition(ConnectionState to, int code, String reason, Duration retryIn) {
        ConnectionState from = state;
        state = to;
        StateChange change = new StateChange(from, to, code, reason, retryIn, endpoint());
        config.listeners().forEach(l -> l.onStateChange(change));
    }

    // ---- reading the stream ------------------------------------------------------------------

    private void frame(String text) {
        watchdog.connectionMessage();
        List<HubMessage> messages;
        try {
            messages = MessageCodec.read(text, epoch);
        } catch (RuntimeException e) {
            emit(new HubError("client_bad_frame", "unreadable frame from the hub: " + e.getMessage(), List.of()));
            return;
        }
        for (HubMessage m : messages) {
            if (state == ConnectionState.CLOSED) {
                return;
            }
            switch (m) {
                case HubMessage.Connected c -> connected(c);
                case HubMessage.Update u -> {
                    watchdog.symbolUpdate(u.quote().symbol());
                    quotes.quote(u.quote());
                }
                case HubMessage.BarUpdate b -> emit(b.bar());
                case HubMessage.NewsItem n -> emit(n.news());
                case HubMessage.Recovered r -> quotes.recovered(r);
                case HubMessage.Heartbeat h -> quotes.heartbeat(h, epoch);
                case HubMessage.Error e -> error(e.error());
                case HubMessage.Auth a -> auth(a);
                case HubMessage.Other o -> { }
            }
        }
    }

    private void connected(HubMessage.Connected c) {
        epoch = c.epoch();
        awaitingAuth = false;
        watchdog.connectionOpened(c.heartbeatMs() > 0 ? Duration.ofMillis(c.heartbeatMs()) : null);
        transition(ConnectionState.CONNECTED, 0, "connected", null);
        backoffReset = loop.schedule(() -> attempt = 0, config.resetBackoffAfter());
        if (c.authRequired()) {
            awaitingAuth = true;
            if (config.credentials() == null) {
                finish(4001, "the hub requires a credential and none is configured");
            } else {
                sendAuth(generation);
            }
            return;
        }
        resubscribe();
    }

    private void sendAuth(int gen) {
        CompletableFuture.supplyAsync(this::token, worker).whenComplete((token, error) -> loop.execute(() -> {
            if (gen != generation || connection == null) {
                return;
            }
            if (error != null || token == null) {
                emit(new HubError("client_credentials", "credentials failed: " + (error == null ? "no token" : error.getMessage()), List.of()));
                return;
            }
            connection.send(MessageCodec.auth(token));
        }));
    }

    private void auth(HubMessage.Auth a) {
        if ("ok".equals(a.status()) && awaitingAuth) {
            awaitingAuth = false;
            resubscribe();
        } else if ("expiring".equals(a.status())) {
            sendAuth(generation);
        }
    }

    private void error(HubError e) {
        emit(e);
        boolean refused = "auth_failed".equals(e.code()) || "token_expired".equals(e.code());
        if (refused && awaitingAuth) {
            // The hub keeps the connection until its auth timeout; waiting for that close tells nothing more.
            finish(4001, e.code() + ": " + e.message());
        }
    }

    /** Every subscription again; quote symbols resume after their last delivered seq, in the epoch of that seq. */
    private void resubscribe() {
        subscriptions.all(quotes::position).forEach(connection::send);
        subscriptions.quoteSymbols().forEach(watchdog::watch);
    }

    /** Hands an event to the application; a full queue that cannot make room fails the client loudly. */
    private void emit(StreamEvent event) {
        if (!queue.offer(event)) {
            finish(0, "inbound queue full (" + config.queueCapacity() + " events, policy " + config.overflowPolicy() + ")");
        }
    }
}
