package io.tickhub.core.fanout;

import io.tickhub.core.book.Book;
import io.tickhub.core.book.Replay;
import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Timestamps;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a connection's queued items into frames. Writer thread only, so its state needs no lock.
 *
 * <p>It never sends a symbol's seq twice or backwards ({@link SymbolState#sent}), which also makes
 * snapshots race-free: the snapshot marker is queued before the subscription is registered, the
 * book is read when the writer reaches the marker, and any delta already covered is skipped.
 * It applies each symbol's {@code maxRate} (at most one update per interval; the latest is held,
 * marked {@code conflated:n}, and released when the interval is up), and it cuts frames into
 * batches for {@code ?batch=1} clients.
 */
final class MessageWriter {

    /** Batch frames are cut at about this size. */
    static final int MAX_BATCH_BYTES = 64 * 1024;

    private final FrameSink sink;
    private final Book book;
    private final Clock clock;
    private final MarketEncoder encoder;
    private final FanOutMetrics metrics;
    private final WireFormat format;
    private final StreamEpoch epoch;
    private final Connection owner;
    /** Per symbol: the last seq sent and its maxRate state, in one map so a delivery costs one lookup. */
    private final Map<String, SymbolState> states = new HashMap<>();
    private int heldCount;
    /** maxRate of symbols without their own (a {@code *} subscription's), 0 for none. */
    private long defaultIntervalMicros;
    /** Messages written since {@link #takeWritten}; batched ones count one each. */
    private int written;
    private final BatchBuffer batchBuffer;
    private int batchCount;

    /** What the writer knows of one symbol of this connection. */
    private static final class SymbolState {
        /** The last seq sent (live, snapshot or replayed); 0: none yet. */
        long sent;
        /** Its maxRate, null for none. */
        Throttle throttle;
    }

    /** A symbol's maxRate state: when the next update may go out, and the update held until then. */
    private static final class Throttle {
        final long intervalMicros;
        final boolean fromDefault;
        long nextAllowedMicros;
        Outbound.Market held;
        long heldSkipped;

        Throttle(long intervalMicros, boolean fromDefault) {
            this.intervalMicros = intervalMicros;
            this.fromDefault = fromDefault;
        }
    }

    MessageWriter(Connection owner, FrameSink sink, StreamContext context, WireFormat format, boolean batch) {
        this.sink = sink;
        this.book = context.book();
        this.clock = context.clock();
        this.encoder = context.encoder();
        this.metrics = context.metrics();
        this.format = format;
        this.epoch = context.epoch();
        this.owner = owner;
        this.batchBuffer = batch ? new BatchBuffer(1024) : null;
    }

    /** Writes one item; returns the bytes written (0 when it was skipped or held). */
    long write(Outbound item) {
        return switch (item) {
            case Outbound.Market m -> deliver(m, false, 0);
            case Outbound.Conflated c -> deliverHeld(c);
            case Outbound.Several s -> several(s.items());
            case Outbound.Control c -> control(c.json());
            case Outbound.Snapshot s -> snapshot(s.symbol());
            case Outbound.SnapshotRecords s -> snapshotRecords(s.only());
            case Outbound.Resume r -> resume(r.symbol(), r.afterSeq(), r.taken());
            case Outbound.Unrecoverable u -> unrecoverable(u.symbol(), u.afterSeq());
            case Outbound.Forget f -> forget(f.symbol());
            case Outbound.Throttle t -> throttle(t.symbol(), t.minIntervalMicros());
            case Outbound.Heartbeat h -> control(NativeMessages.heartbeat(nowMicros(), seqs()));
            case Outbound.Close c -> throw new IllegalArgumentException("the connection handles its close");
        };
    }

    /** Messages written since the last call. */
    int takeWritten() {
        int n = written;
        written = 0;
        return n;
    }

    /** True when maxRate is holding updates back: a later {@link #releaseDue} must run. */
    boolean holding() {
        return heldCount > 0;
    }

    /** Sends every held update whose interval is up; returns the bytes written. */
    long releaseDue() {
        if (heldCount == 0) {
            return 0;
        }
        long now = nowMicros();
        long written = 0;
        for (Map.Entry<String, SymbolState> e : states.entrySet()) {
            Throttle t = e.getValue().throttle;
            if (t != null && t.held != null && now >= t.nextAllowedMicros) {
                t.nextAllowedMicros = now + t.intervalMicros;
                written += release(e.getKey(), t);
            }
        }
        return written;
    }

    /** Ends a drain: what is batched goes out as one frame. */
    void flushBatch() {
        if (batchBuffer == null || batchCount == 0) {
            return;
        }
        batchBuffer.write(']');
        sink.write(batchBuffer.array(), 0, batchBuffer.size()); // the sink copies it once, into its frame
        batchBuffer.reset();
        batchCount = 0;
    }

    boolean batchFull() {
        return batchBuffer != null && batchBuffer.size() >= MAX_BATCH_BYTES;
    }

    /** Each of one message's markers in order; a batch frame is cut whenever it is full. */
    private long several(List<Outbound> items) {
        long written = 0;
        for (Outbound item : items) {
            written += write(item);
            if (batchFull()) {
                flushBatch();
            }
        }
        return written;
    }

    /**
     * An update; when {@code conflated}, one that stood in for older ones ({@code counted}: how many
     * were replaced while it was held).
     */
    private long deliver(Outbound.Market market, boolean conflated, long counted) {
        Quote quote = market.quote();
        if (!owner.isSubscribed(quote.symbol())) {
            return 0; // still queued when its symbol was unsubscribed
        }
        SymbolState state = states.get(quote.symbol());
        if (state != null && quote.seq() <= state.sent) {
            return 0; // already covered by a snapshot, a replay or a duplicate offer
        }
        Throttle t = state == null ? null : state.throttle;
        if (t == null && defaultIntervalMicros > 0) {
            state = state(quote.symbol());
            t = new Throttle(defaultIntervalMicros, true);
            state.throttle = t;
        }
        if (t != null) {
            long now = nowMicros();
            if (t.held != null || now < t.nextAllowedMicros) {
                hold(t, market, counted);
                return 0;
            }
            t.nextAllowedMicros = now + t.intervalMicros;
        }
        if (state == null) {
            state = state(quote.symbol());
        }
        if (!conflated) {
            state.sent = quote.seq();
            return emit(market.bytes(format));
        }
        long skipped = skipped(quote, counted);
        state.sent = quote.seq();
        return emit(encoder.conflated(format, quote, market.reference(), skipped));
    }

    /**
     * A slow consumer's held update, read back from the book's ring by its seq (the book takes each
     * quote before the fan-out offers it). Should the ring have moved on by a whole ring since, the
     * symbol's latest goes instead, and the updates between the two count as conflated too.
     */
    private long deliverHeld(Outbound.Conflated held) {
        Quote quote = book.at(held.symbol(), held.seq()).orElse(null);
        long skipped = held.skipped();
        if (quote == null) {
            quote = book.latest(held.symbol()).orElse(null);
            if (quote == null) {
                return 0;
            }
            long passed = Math.max(0, quote.seq() - held.seq());
            skipped += passed;
            metrics.conflated(passed);
        }
        return deliver(new Outbound.Market(quote, book.reference(held.symbol(), quote.price())), true, skipped);
    }

    /**
     * What {@code conflated:n} says: the updates of the symbol this client did not get between the
     * previous one it got and {@code quote}, i.e. the seq gap minus one as the client sees it.
     * {@code counted} (the updates replaced while it was held) is used only when the client has
     * had nothing of the symbol since it subscribed, so there is no gap to measure.
     */
    private long skipped(Quote quote, long counted) {
        long previous = sentSeq(quote.symbol());
        return previous > 0 ? Math.max(0, quote.seq() - previous - 1) : counted;
    }

    /** maxRate holds {@code market} as the symbol's latest; an update not newer than the one held changes nothing. */
    private void hold(Throttle t, Outbound.Market market, long counted) {
        if (t.held == null) {
            heldCount++;
            t.heldSkipped = counted;
        } else if (market.quote().seq() > t.held.quote().seq()) {
            t.heldSkipped += 1 + counted; // the update held so far is replaced too
            metrics.conflated(1); // what the update held had replaced was counted when it was
        } else {
            return; // the same update offered twice ('*' and the symbol by name): nothing was skipped
        }
        t.held = market;
    }

    private long control(byte[] json) {
        if (batchBuffer != null && !isJsonObject(json)) {
            // The text pong is not JSON: it cannot go into a batch array, so it gets its own frame.
            flushBatch();
            sink.write(json);
            written++;
            return json.length;
        }
        return emit(encoder.control(format, json));
    }

    private long snapshot(String symbol) {
        return book.firstAndLatest(symbol).map(ends -> {
            if (!advance(ends.latest())) {
                return 0L;
            }
            return emit(encoder.snapshot(format, ends.latest(), ends.reference()));
        }).orElse(0L);
    }

    /**
     * A snapshot of many symbols ({@code only}, or every one the book has): one object of records
     * for system A, one snapshot per symbol otherwise. A's snapshot always lists every symbol
     * asked for, even one whose latest value was already sent: it is the client's whole picture.
     */
    private long snapshotRecords(Collection<String> only) {
        Collection<String> symbols = only == null ? book.symbols() : new java.util.TreeSet<>(only);
        if (format != WireFormat.TICKER_HUB) {
            long written = 0;
            for (String symbol : symbols) {
                written += snapshot(symbol);
            }
            return written;
        }
        List<TickerHubMessages.Entry> entries = new ArrayList<>(symbols.size());
        for (String symbol : symbols) {
            book.firstAndLatest(symbol).ifPresent(ends -> {
                advance(ends.latest());
                entries.add(new TickerHubMessages.Entry(encoder.instruments().describe(symbol), ends));
            });
        }
        return emit(TickerHubMessages.snapshot(entries));
    }

    /**
     * {@code taken}: the stretch taken when the subscription was made, from the store and the ring
     * ({@link FanOut#replayFromRing}); the ring must still hold what followed it.
     */
    private long resume(String symbol, long afterSeq, List<Quote> taken) {
        boolean takenFits = taken.isEmpty() || follows(taken, afterSeq);
        long bookAfter = taken.isEmpty() || !takenFits ? afterSeq : taken.getLast().seq();
        Replay replay = book.since(symbol, bookAfter).orElse(null);
        // A seq beyond the latest means the client saw a history this hub does not have (e.g. seqs
        // restarted): what it holds cannot be trusted, so it gets complete:false and a snapshot.
        // So does a stretch the store lacks part of, or one the ring moved away from meanwhile.
        if (replay == null || !takenFits || !replay.complete() || afterSeq > replay.latestSeq()) {
            long to = replay == null ? afterSeq : replay.latestSeq();
            long written = control(NativeMessages.recovered(symbol, firstAfter(afterSeq), to, false, epoch));
            return written + snapshot(symbol);
        }
        long written = control(NativeMessages.recovered(symbol, firstAfter(afterSeq), replay.latestSeq(), true, epoch));
        double reference = book.firstAndLatest(symbol).orElseThrow().reference();
        written += replayed(taken, reference) + replayed(replay.quotes(), reference);
        // The client now has everything up to the latest seq, also when there was nothing to replay:
        // a delta of that seq still queued behind this marker must not go out again.
        SymbolState state = state(symbol);
        state.sent = Math.max(state.sent, replay.latestSeq());
        return written;
    }

    /**
     * A resume that must not replay (see {@link Outbound.Unrecoverable}): {@code complete:false} up to
     * the latest seq, then a snapshot. {@code from} is 0 when the position was unknown.
     */
    private long unrecoverable(String symbol, long afterSeq) {
        long latest = book.latest(symbol).map(Quote::seq).orElse(0L);
        long from = afterSeq < 0 ? 0 : firstAfter(afterSeq);
        return control(NativeMessages.recovered(symbol, from, latest, false, epoch)) + snapshot(symbol);
    }

    /**
     * {@code recovered.from}: the first seq after the client's, {@code afterSeq + 1}; a client that
     * claims seq 2^63-1 (beyond any real history) gets {@code from} 2^63-1, not an overflow to -2^63.
     */
    static long firstAfter(long afterSeq) {
        return afterSeq == Long.MAX_VALUE ? Long.MAX_VALUE : afterSeq + 1;
    }

    /** Sends each of {@code quotes} not sent yet as a replayed update. */
    private long replayed(List<Quote> quotes, double reference) {
        long written = 0;
        for (Quote quote : quotes) {
            if (advance(quote)) {
                written += emit(encoder.replayed(format, quote, reference));
            }
        }
        return written;
    }

    /** True when {@code quotes} are exactly the seqs right after {@code afterSeq}, in order. */
    private static boolean follows(List<Quote> quotes, long afterSeq) {
        for (int i = 0; i < quotes.size(); i++) {
            if (quotes.get(i).seq() != afterSeq + 1 + i) {
                return false;
            }
        }
        return true;
    }

    private long forget(String symbol) {
        SymbolState state = states.remove(symbol);
        if (state != null && state.throttle != null && state.throttle.held != null) {
            heldCount--;
        }
        return 0;
    }

    /** A new maxRate for a symbol ({@code *}: for every symbol without its own); what was held goes out now. */
    private long throttle(String symbol, long minIntervalMicros) {
        long written = 0;
        if ("*".equals(symbol)) {
            defaultIntervalMicros = minIntervalMicros;
            for (Map.Entry<String, SymbolState> e : states.entrySet()) {
                Throttle t = e.getValue().throttle;
                if (t != null && t.fromDefault) {
                    e.getValue().throttle = null;
                    written += release(e.getKey(), t);
                }
            }
            return written;
        }
        SymbolState state = states.get(symbol);
        Throttle previous = state == null ? null : state.throttle;
        if (previous != null) {
            state.throttle = null;
            written += release(symbol, previous);
        }
        if (minIntervalMicros > 0) {
            state(symbol).throttle = new Throttle(minIntervalMicros, false);
        }
        return written;
    }

    /** Sends what {@code t} holds, if anything, whatever its interval. */
    private long release(String symbol, Throttle t) {
        if (t.held == null) {
            return 0;
        }
        Outbound.Market market = t.held;
        t.held = null;
        heldCount--;
        if (!owner.isSubscribed(symbol) || market.quote().seq() <= sentSeq(symbol)) {
            return 0;
        }
        long skipped = skipped(market.quote(), t.heldSkipped);
        advance(market.quote());
        return emit(encoder.conflated(format, market.quote(), market.reference(), skipped));
    }

    private long sentSeq(String symbol) {
        SymbolState state = states.get(symbol);
        return state == null ? 0 : state.sent;
    }

    private SymbolState state(String symbol) {
        SymbolState state = states.get(symbol);
        if (state == null) {
            state = new SymbolState();
            states.put(symbol, state);
        }
        return state;
    }

    /** Records {@code quote} as sent for its symbol; false when it is not newer than what was sent. */
    private boolean advance(Quote quote) {
        SymbolState state = state(quote.symbol());
        if (quote.seq() <= state.sent) {
            return false;
        }
        state.sent = quote.seq();
        return true;
    }

    /** The last seq sent of every symbol the client is subscribed to (0: nothing yet). */
    private Map<String, Long> seqs() {
        Map<String, Long> out = new TreeMap<>();
        for (String symbol : owner.symbols()) {
            out.put(symbol, sentSeq(symbol));
        }
        if (owner.isWildcard()) {
            for (Map.Entry<String, SymbolState> e : states.entrySet()) {
                if (e.getValue().sent > 0) {
                    out.put(e.getKey(), e.getValue().sent);
                }
            }
        }
        return out;
    }

    private long emit(byte[] bytes) {
        written++;
        if (batchBuffer == null) {
            sink.write(bytes);
            return bytes.length;
        }
        batchBuffer.write(batchCount == 0 ? '[' : ',');
        batchBuffer.writeBytes(bytes);
        batchCount++;
        return bytes.length;
    }

    /** A batch being built; its array goes to the sink as it is (no {@code toByteArray} copy). */
    private static final class BatchBuffer extends ByteArrayOutputStream {
        BatchBuffer(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }
    }

    private static boolean isJsonObject(byte[] json) {
        return json.length > 0 && json[0] == '{';
    }

    private long nowMicros() {
        return Timestamps.micros(clock.instant());
    }
}
