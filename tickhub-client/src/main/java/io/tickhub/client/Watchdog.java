package io.tickhub.client;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Staleness of the data, apart from WebSocket ping/pong (which the JDK answers by itself, so a hub
 * that pongs but sends nothing would look alive): the connection is stale when no message at all
 * came for {@code connectionStaleAfter} (then it is dropped and the client reconnects), a symbol
 * when no update of it came for {@code symbolStaleAfter} (then a {@link Stale} event says so, and
 * another when it updates again). Confined to the client's loop thread; time from the injected clock.
 */
final class Watchdog {

    private final ClientConfig config;
    private final Scheduler loop;
    private final Consumer<StreamEvent> emit;
    private final Consumer<Instant> connectionStale;
    private final Map<String, Instant> lastUpdate = new HashMap<>();
    private final Set<String> stale = new HashSet<>();
    private Instant lastMessage;
    private boolean connectionStaleReported;
    private Duration connectionLimit;
    private Scheduler.Cancellable tick;

    Watchdog(ClientConfig config, Scheduler loop, Consumer<StreamEvent> emit, Consumer<Instant> connectionStale) {
        this.config = config;
        this.loop = loop;
        this.emit = emit;
        this.connectionStale = connectionStale;
    }

    /** A connection is open (heartbeat null) or the hub named its heartbeat interval. */
    void connectionOpened(Duration heartbeat) {
        lastMessage = now();
        connectionLimit = config.connectionStaleAfter() != null ? config.connectionStaleAfter()
                : heartbeat != null ? heartbeat.multipliedBy(2).plusSeconds(1) : Duration.ofSeconds(31);
        // A symbol's clock does not run while there is no connection to bring its updates.
        Instant now = now();
        lastUpdate.replaceAll((s, t) -> stale.contains(s) ? t : now);
        if (tick == null) {
            schedule();
        }
    }

    void connectionClosed() {
        lastMessage = null;
    }

    void connectionMessage() {
        lastMessage = now();
        if (connectionStaleReported) {
            connectionStaleReported = false;
            emit.accept(new Stale(null, false, lastMessage));
        }
    }

    void watch(String symbol) {
        if (!"*".equals(symbol)) {
            lastUpdate.putIfAbsent(symbol, now());
        }
    }

    void forget(String symbol) {
        lastUpdate.remove(symbol);
        stale.remove(symbol);
    }

    void symbolUpdate(String symbol) {
        Instant now = now();
        lastUpdate.put(symbol, now);
        if (stale.remove(symbol)) {
            emit.accept(new Stale(symbol, false, now));
        }
    }

    void stop() {
        if (tick != null) {
            tick.cancel();
            tick = null;
        }
    }

    private void schedule() {
        tick = loop.schedule(this::check, interval());
    }

    /** A quarter of the shortest limit, at least 10 ms: a verdict comes at most that late. */
    private Duration interval() {
        Duration shortest = connectionLimit == null ? Duration.ofSeconds(1) : connectionLimit;
        if (config.symbolStaleAfter() != null && config.symbolStaleAfter().compareTo(shortest) < 0) {
            shortest = config.symbolStaleAfter();
        }
        Duration quarter = shortest.dividedBy(4);
        return quarter.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : quarter;
    }

    private void check() {
        Instant now = now();
        if (lastMessage != null && Duration.between(lastMessage, now).compareTo(connectionLimit) > 0) {
            Instant last = lastMessage;
            lastMessage = null;
            connectionStaleReported = true;
            emit.accept(new Stale(null, true, last));
            connectionStale.accept(last);
        }
        Duration symbolLimit = config.symbolStaleAfter();
        if (symbolLimit != null && lastMessage != null) {
            lastUpdate.forEach((symbol, at) -> {
                if (!stale.contains(symbol) && Duration.between(at, now).compareTo(symbolLimit) > 0) {
                    stale.add(symbol);
                    emit.accept(new Stale(symbol, true, at));
                }
            });
        }
        if (tick != null) {
            schedule();
        }
    }

    private Instant now() {
        return config.clock().instant();
    }
}
