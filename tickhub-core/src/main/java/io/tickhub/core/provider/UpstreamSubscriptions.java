package io.tickhub.core.provider;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.tickhub.core.retry.ClockTimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reference-counted subscriptions of one streaming upstream (Finnhub's WebSocket), within its
 * {@link UpstreamLimits}: one upstream subscribe per symbol however many clients and jobs want it,
 * at most {@code maxSymbols} symbols at once, an unsubscribe only after the last interest has been
 * gone for {@code linger}, and at most {@code messagesPerSecond} messages upstream once a burst is
 * spent. Every live subscription is re-sent when a connection opens; nothing is sent while down.
 *
 * <p>The class keeps the set it <em>wants</em> streamed and the set the open connection was
 * <em>sent</em>, and sends the difference as the rate allows: a change undone before it could go
 * (a subscribe then an unsubscribe) is never sent. Unsubscribes go before subscribes, so the
 * upstream never holds more than {@code maxSymbols}.
 *
 * <p>At the cap a new symbol takes the slot of the symbol that has lingered longest (it is wanted
 * by nobody); with none lingering it is refused: its interest is counted, {@link #acquire} answers
 * false and {@link #refused} true, and it gets the next slot that frees, oldest refusal first.
 *
 * <p>Thread-safe: one monitor orders interest changes, ticks, connects and disconnects, so a
 * subscription can neither be sent twice nor lost between a reconnect and a new client. Interest
 * changes are rare (a client subscribing), never per message.
 */
public final class UpstreamSubscriptions {

    /** The open connection, as this class uses it. Calls are made under the monitor: hand off, do not block. */
    public interface Link {
        void subscribe(String symbol);

        void unsubscribe(String symbol);
    }

    private final UpstreamLimits limits;
    private final Clock clock;
    /** null: messages are not rate limited. */
    private final Bucket messages;
    /** Interest per symbol, refused symbols included. */
    private final Map<String, Integer> interest = new TreeMap<>();
    /** What should be subscribed upstream: at most {@code maxSymbols}, sorted so a replay is in symbol order. */
    private final Set<String> wanted = new TreeSet<>();
    /** Wanted symbols nobody wants any more, with when the last interest went; oldest first. */
    private final Map<String, Instant> lingering = new LinkedHashMap<>();
    /** Symbols with interest that the cap kept out, oldest refusal first. Non-empty only while no slot is free or lingering. */
    private final Set<String> refused = new LinkedHashSet<>();
    /** What the open connection was sent; meaningless while {@link #link} is null. */
    private final Set<String> sent = new HashSet<>();
    /** Symbols where {@link #wanted} and {@link #sent} differ, in the order they changed. */
    private final Set<String> unsent = new LinkedHashSet<>();
    private Link link;
    private long messagesSent;

    /** No cap, no linger, no rate limit. */
    public UpstreamSubscriptions() {
        this(UpstreamLimits.UNBOUNDED, Clock.systemUTC());
    }

    /** @param clock measures the linger and refills the message rate */
    public UpstreamSubscriptions(UpstreamLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        int perSecond = limits.messagesPerSecond();
        this.messages = perSecond == 0 ? null : Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(Math.max(limits.maxSymbols(), perSecond))
                        .refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(new ClockTimeMeter(clock))
                .build();
    }

    public UpstreamLimits limits() {
        return limits;
    }

    /**
     * One more interest in {@code symbol}. The first makes it wanted upstream (sent at once if
     * connected and the rate allows), unless the cap is reached.
     *
     * @return true when the symbol is streamed (or will be, once connected); false when the cap refused it
     */
    public synchronized boolean acquire(String symbol) {
        int count = interest.merge(symbol, 1, Integer::sum);
        if (wanted.contains(symbol)) {
            lingering.remove(symbol);
            return true;
        }
        if (count > 1) {
            return false; // already refused, and still no slot: it would have been given one
        }
        if (wanted.size() >= limits.maxSymbols()) {
            Iterator<String> oldest = lingering.keySet().iterator();
            if (!oldest.hasNext()) {
                refused.add(symbol);
                return false;
            }
            String evicted = oldest.next();
            oldest.remove();
            unwant(evicted);
        }
        want(symbol);
        sendWhatTheRateAllows();
        return true;
    }

    /**
     * One interest fewer. When the last goes, the symbol lingers (still subscribed) for the linger
     * time, or gives its slot at once to the oldest refused symbol. A symbol whose subscribe has not
     * gone out yet (held back by the rate, or while down) is dropped at once: there is nothing to
     * save an unsubscribe for. Releasing an unknown symbol is a no-op.
     */
    public synchronized void release(String symbol) {
        Integer count = interest.get(symbol);
        if (count == null) {
            return;
        }
        if (count > 1) {
            interest.put(symbol, count - 1);
            return;
        }
        interest.remove(symbol);
        if (refused.remove(symbol)) {
            return;
        }
        if (!refused.isEmpty()) {
            unwant(symbol);
            promoteOldestRefused();
        } else if (limits.linger().isZero() || link == null || !sent.contains(symbol)) {
            unwant(symbol);
        } else {
            lingering.put(symbol, clock.instant());
        }
        sendWhatTheRateAllows();
    }

    /**
     * Unsubscribes the symbols that lingered for the linger time, and sends what the rate held
     * back. Call it every fraction of a second (the stream's own thread does).
     */
    public synchronized void tick() {
        Instant expired = clock.instant().minus(limits.linger());
        for (Iterator<Map.Entry<String, Instant>> it = lingering.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> e = it.next();
            if (e.getValue().isAfter(expired)) {
                break; // oldest first: the rest went later
            }
            it.remove();
            unwant(e.getKey());
        }
        sendWhatTheRateAllows();
    }

    /** A connection opened: every wanted subscription is sent on it, in symbol order, without waiting for the rate. */
    public synchronized void connected(Link opened) {
        this.link = opened;
        sent.clear();
        unsent.clear();
        for (String symbol : wanted) {
            opened.subscribe(symbol);
            sent.add(symbol);
        }
        messagesSent += wanted.size();
    }

    /** The connection is gone: nothing is sent until the next {@link #connected}. */
    public synchronized void disconnected() {
        this.link = null;
    }

    /** Symbols subscribed upstream, or to be, sorted: lingering ones included, refused ones not. */
    public synchronized List<String> symbols() {
        return List.copyOf(wanted);
    }

    /** Whether {@code symbol} has interest but no upstream subscription, because the cap is reached. */
    public synchronized boolean refused(String symbol) {
        return refused.contains(symbol);
    }

    /** Symbols refused for the cap that still have interest, oldest refusal first. */
    public synchronized List<String> refusedSymbols() {
        return List.copyOf(refused);
    }

    /** Symbols nobody wants that are still subscribed upstream, waiting out the linger; oldest first. */
    public synchronized List<String> lingeringSymbols() {
        return new ArrayList<>(lingering.keySet());
    }

    /** How many callers want {@code symbol}. */
    public synchronized int interestIn(String symbol) {
        return interest.getOrDefault(symbol, 0);
    }

    /** Subscribe and unsubscribe messages handed to connections since start, replays included. */
    public synchronized long messagesSent() {
        return messagesSent;
    }

    /** Symbols, cap, refusals and messages, read together. */
    public synchronized UpstreamUse use() {
        return new UpstreamUse(wanted.size(), limits.maxSymbols(), refused.size(), messagesSent);
    }

    // --- under the monitor -----------------------------------------------------------------------

    private void want(String symbol) {
        wanted.add(symbol);
        changed(symbol);
    }

    private void unwant(String symbol) {
        wanted.remove(symbol);
        changed(symbol);
    }

    private void promoteOldestRefused() {
        Iterator<String> oldest = refused.iterator();
        String symbol = oldest.next();
        oldest.remove();
        want(symbol);
    }

    private void changed(String symbol) {
        if (link != null && wanted.contains(symbol) == sent.contains(symbol)) {
            unsent.remove(symbol); // undone before it went out: nothing to send
        } else {
            unsent.add(symbol);
        }
    }

    /** Unsubscribes first (they free upstream slots), then subscribes, while the rate allows. */
    private void sendWhatTheRateAllows() {
        if (link == null || unsent.isEmpty()) {
            return;
        }
        for (Iterator<String> it = unsent.iterator(); it.hasNext(); ) {
            String symbol = it.next();
            if (!wanted.contains(symbol) && sent.contains(symbol)) {
                if (!mayAcceptOneMore()) {
                    return;
                }
                link.unsubscribe(symbol);
                sent.remove(symbol);
                it.remove();
            }
        }
        for (Iterator<String> it = unsent.iterator(); it.hasNext(); ) {
            String symbol = it.next();
            if (wanted.contains(symbol) && !sent.contains(symbol)) {
                if (sent.size() >= limits.maxSymbols() || !mayAcceptOneMore()) {
                    return;
                }
                link.subscribe(symbol);
                sent.add(symbol);
            }
            it.remove(); // sent now, or already as wanted (after a reconnect)
        }
    }

    private boolean mayAcceptOneMore() {
        if (messages != null && !messages.tryConsume(1)) {
            return false;
        }
        messagesSent++;
        return true;
    }
}
