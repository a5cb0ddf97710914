package io.tickhub.core.fanout;

import io.tickhub.core.quote.Symbols;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * System A's {@code /ws/prices} for one connection: every symbol's record at connect, then each
 * update; a {@code watchlist} narrows both to its symbols (the original's clients with a
 * watchlist never got another update: here they do). Confined to the connection's inbound thread.
 */
public final class TickerHubSession {

    private final Connection connection;
    private final FanOut fanOut;
    private final int maxSymbols;
    /** null: every symbol. */
    private Set<String> watchlist;

    public TickerHubSession(Connection connection, FanOut fanOut, int maxSymbols) {
        this.connection = connection;
        this.fanOut = fanOut;
        this.maxSymbols = maxSymbols;
    }

    /** On connect: the snapshot of every record (even {@code {}}), then every update. */
    public void start() {
        fanOut.subscribeAll(connection, true);
    }

    /**
     * A new watchlist: a snapshot of its known symbols, then only their updates (unknown ones start
     * flowing once they exist). An empty list means every symbol again, as the original's falsy
     * empty list did. Symbols that are not valid are left out and reported in an error frame;
     * a list longer than the per-connection limit is refused and the current one kept.
     */
    public void watchlist(List<String> symbols) {
        Set<String> wanted = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        for (String raw : symbols) {
            if (Symbols.isValid(raw)) {
                wanted.add(Symbols.normalize(raw));
            } else {
                invalid.add(raw);
            }
        }
        if (wanted.size() > maxSymbols) {
            error("too_many_symbols", "A watchlist may hold at most " + maxSymbols + " symbols; kept the current one");
            return;
        }
        ConnectionGrant access = connection.access();
        SubjectAccount account = access == null ? null : access.account();
        int held = watchlist == null ? 1 : watchlist.size(); // '*' counts one
        if (account != null && account.subscriptions() - held + wanted.size() > access.limits().subscriptions()) {
            connection.metrics().refused("subscriptions_per_key", 1);
            error(AccessMessages.KEY_SUBSCRIPTIONS, "At most " + access.limits().subscriptions() + " subscriptions for "
                    + "this key (or, without one, this address) over all its connections; kept the current watchlist");
            return;
        }
        if (!invalid.isEmpty()) {
            error("invalid_symbol", "Not symbols, left out of the watchlist: " + invalid);
        }
        if (symbols.isEmpty()) {
            everySymbol();
            return;
        }
        // One queue item for the whole change: the snapshot is queued before the new symbols are
        // registered, so it precedes their updates, and a long watchlist cannot fill the queue.
        SubscribeBatch batch = fanOut.batch(connection);
        if (watchlist == null) {
            batch.unsubscribeAll();
        } else {
            for (String symbol : watchlist) {
                if (!wanted.contains(symbol)) {
                    batch.unsubscribe(symbol);
                }
            }
        }
        batch.snapshotRecords(wanted);
        for (String symbol : wanted) {
            batch.subscribe(symbol, false, null, List.of());
        }
        batch.commit();
        wanted.removeAll(batch.refusedForSubject());
        AccessMessages.refusedForSubject(connection, batch.refusedForSubject());
        watchlist = wanted;
        List<String> refusedUpstream = batch.refusedUpstream();
        if (!refusedUpstream.isEmpty()) { // kept on the watchlist
            connection.metrics().refused(NativeMessages.UPSTREAM_SYMBOLS_LIMIT, refusedUpstream.size());
            connection.send(NativeMessages.upstreamLimit(refusedUpstream));
        }
    }

    /** The client's keep-alive text {@code ping}. */
    public void ping() {
        connection.send(NativeMessages.textPong());
    }

    /** Anything else: an error frame, the connection stays. */
    public void invalid(String code, String message) {
        error(code, message);
    }

    /** The current watchlist (empty: every symbol). */
    public Set<String> watchlist() {
        return watchlist == null ? Set.of() : Set.copyOf(watchlist);
    }

    private void everySymbol() {
        SubscribeBatch batch = fanOut.batch(connection);
        if (watchlist != null) {
            for (String symbol : watchlist) {
                batch.unsubscribe(symbol);
            }
            watchlist = null;
        }
        batch.unsubscribeAll();
        batch.subscribeAll(true);
        batch.commit();
    }

    private void error(String code, String message) {
        connection.send(NativeMessages.error(code, message));
    }
}
