package io.tickhub.core.fanout;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one subject (an API key, a JWT subject, the bootstrap key, or the address of clients
 * without a credential) holds over all its streaming connections: its subscriptions on every
 * channel, and the symbols it holds that are streamed from upstream (Finnhub). Its connections
 * run on different event loops, so it is thread-safe; it is touched when subscriptions are made
 * and released, never per update.
 */
public final class SubjectAccount {

    private final String subject;
    private final AtomicInteger subscriptions = new AtomicInteger();
    /** Upstream-streamed symbols the subject holds, and on how many of its connections. Guarded by this. */
    private final Map<String, Integer> upstream = new HashMap<>();
    /** Connections using this account; guarded by {@link SubjectAccounts}' map entry. */
    int users;

    public SubjectAccount(String subject) {
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }

    /** Subscriptions over every connection and channel of the subject ({@code *} one per channel). */
    public int subscriptions() {
        return subscriptions.get();
    }

    void added() {
        subscriptions.incrementAndGet();
    }

    void removed() {
        subscriptions.decrementAndGet();
    }

    /**
     * One more of the subject's connections holds {@code symbol}, which is streamed from upstream.
     * A symbol the subject does not hold yet and that would be opened upstream by this subscription
     * ({@code opens}: nobody holds it) is refused once the subject holds {@code max} upstream
     * symbols: so one subject can keep at most {@code max} symbols open upstream on its own, however
     * many connections it uses. A symbol already open (someone else holds it) is always taken.
     *
     * @return false when refused
     */
    public synchronized boolean holdUpstream(String symbol, boolean opens, int max) {
        Integer holders = upstream.get(symbol);
        if (holders == null && opens && upstream.size() >= max) {
            return false;
        }
        upstream.put(symbol, holders == null ? 1 : holders + 1);
        return true;
    }

    /** One of the subject's connections no longer holds {@code symbol} (nothing if it was not counted). */
    public synchronized void releaseUpstream(String symbol) {
        upstream.computeIfPresent(symbol, (s, holders) -> holders > 1 ? holders - 1 : null);
    }

    /** Upstream-streamed symbols the subject holds now. */
    public synchronized int upstreamSymbols() {
        return upstream.size();
    }
}
