package io.tickhub.core.ingest;

import io.tickhub.core.bus.QuoteBus;
import io.tickhub.core.quote.InvalidSymbolException;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.quote.Symbols;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Validates provider quotes, drops repeats, stamps hub time and the per-symbol seq, and
 * publishes the result on the bus. Single-threaded: it is the one writer of every symbol's seq,
 * so it needs no lock; {@link IngestPipeline} runs it on its own thread.
 */
public final class Sequencer {

    private final Clock clock;
    private final QuoteBus bus;
    private final IngestMetrics metrics;
    private final FeedGate gate;
    private final QuoteJournal journal;
    private final Consumer<RuntimeException> onJournalFailure;
    private final OwnerHandOff handOff;
    private final Map<String, SymbolState> bySymbol = new HashMap<>();
    /** Hub time of the last accepted quote: hub times are unique and increasing across all symbols. */
    private Instant lastHubTime = Instant.EPOCH;

    public Sequencer(Clock clock, QuoteBus bus, IngestMetrics metrics) {
        this(clock, bus, metrics, FeedGate.OPEN);
    }

    /**
     * @param gate drops the quotes of providers on standby for a symbol (failover) and, in a
     *             cluster, of symbols another ingest node owns ({@link SymbolOwnership})
     */
    public Sequencer(Clock clock, QuoteBus bus, IngestMetrics metrics, FeedGate gate) {
        this(clock, bus, metrics, gate, QuoteJournal.NONE, e -> { });
    }

    /**
     * @param journal          records each accepted quote before it is published
     * @param onJournalFailure told of each quote the journal could not take (it is refused, not published)
     */
    public Sequencer(Clock clock, QuoteBus bus, IngestMetrics metrics, FeedGate gate, QuoteJournal journal,
                     Consumer<RuntimeException> onJournalFailure) {
        this(clock, bus, metrics, gate, journal, onJournalFailure, OwnerHandOff.NONE);
    }

    /**
     * @param handOff takes the quotes the gate refuses as {@link RejectReason#NOT_OWNER} to the node
     *                that sequences their symbol; what it does not take is counted as refused
     */
    public Sequencer(Clock clock, QuoteBus bus, IngestMetrics metrics, FeedGate gate, QuoteJournal journal,
                     Consumer<RuntimeException> onJournalFailure, OwnerHandOff handOff) {
        this.handOff = handOff;
        this.clock = clock;
        this.bus = bus;
        this.metrics = metrics;
        this.gate = gate;
        this.journal = journal;
        this.onJournalFailure = onJournalFailure;
    }

    /**
     * Accepts or rejects one provider quote.
     *
     * @return the sequenced quote, or {@code null} when it was rejected (and counted)
     */
    public Quote accept(RawQuote raw) {
        String symbol;
        try {
            symbol = Symbols.normalize(raw.symbol());
        } catch (InvalidSymbolException e) {
            metrics.rejected(raw.provider(), RejectReason.INVALID_SYMBOL);
            return null;
        }
        if (!(raw.price() > 0) || !Double.isFinite(raw.price())) {
            metrics.rejected(raw.provider(), RejectReason.INVALID_PRICE);
            return null;
        }
        if (!(raw.volume() >= 0) || !Double.isFinite(raw.volume())) {
            metrics.rejected(raw.provider(), RejectReason.INVALID_VOLUME);
            return null;
        }
        RejectReason refused = gate.refusal(symbol, raw.provider());
        if (refused != null) {
            // Decided here, on the thread that owns the owned set, not when the provider submitted:
            // a symbol released while its quote waited in the ring is handed off, not lost.
            if (refused == RejectReason.NOT_OWNER && handOff.forward(symbol, raw)) {
                return null;
            }
            metrics.rejected(raw.provider(), refused);
            return null;
        }
        SymbolState state = bySymbol.computeIfAbsent(symbol, s -> new SymbolState(s.intern()));
        // One String instance per symbol from here on: every map keyed by symbol downstream (a
        // connection's subscriptions and per-symbol state, looked up per delivery) then matches it
        // by identity instead of comparing characters, and its hash is computed once.
        symbol = state.symbol;
        if (state.isRepeatOf(raw)) {
            metrics.rejected(raw.provider(), RejectReason.DUPLICATE);
            return null;
        }
        // The seq is taken only once the quote exists: a quote that cannot be built leaves no gap.
        Quote quote = new Quote(symbol, raw.price(), sidePrice(raw.bid()), sidePrice(raw.ask()), raw.volume(),
                raw.provider(), raw.providerTime(), nextHubTime(), state.seq + 1, raw.rawId());
        // Journaled before anyone can see it: a seq that was ever published survives a crash with its
        // update, so it is never issued again. A quote the journal cannot keep is refused whole.
        try {
            journal.append(quote);
        } catch (RuntimeException e) {
            metrics.rejected(raw.provider(), RejectReason.JOURNAL_FAILED);
            onJournalFailure.accept(e);
            return null;
        }
        state.seq = quote.seq();
        lastHubTime = quote.hubTime();
        state.last = raw;
        metrics.accepted(raw.provider());
        bus.publish(quote);
        return quote;
    }

    /** Ends a batch of {@link #accept} calls: the bus lets listeners flush once. */
    public void endOfBatch() {
        bus.endOfBatch();
    }

    /**
     * Sequencer thread only, or before the pipeline that runs this sequencer starts.
     * Continues a symbol's numbering after {@code lastSeq} (restored from the store or the bus at
     * start-up, so seqs never restart at 1 for a symbol clients have already seen).
     */
    public void resumeAfter(String symbol, long lastSeq) {
        SymbolState state = bySymbol.computeIfAbsent(Symbols.normalize(symbol), s -> new SymbolState(s.intern()));
        state.seq = Math.max(state.seq, lastSeq);
    }

    /**
     * Sequencer thread only, or before the pipeline starts. Hub times continue after {@code hubTime}
     * (the newest restored), so they stay increasing per symbol even if the clock stepped back
     * across a restart: history by time and SSE resume rely on that order.
     */
    public void continueHubTimeAfter(Instant hubTime) {
        if (hubTime.isAfter(lastHubTime)) {
            lastHubTime = hubTime;
        }
    }

    /** Sequencer thread only. Last seq given to {@code symbol} (normalised), 0 when none. */
    public long lastSeq(String symbol) {
        SymbolState state = bySymbol.get(symbol);
        return state == null ? 0 : state.seq;
    }

    /**
     * Hub time at the microsecond precision every store and wire format keeps (so a quote read back
     * equals the one published), and strictly after the previous quote's: hub time is then a total
     * order of everything the hub accepted, which is what lets an SSE client resume every symbol
     * from one {@code Last-Event-ID}. Two quotes in one microsecond get consecutive microseconds; the
     * lead over the clock disappears as soon as the rate drops below a million quotes a second.
     */
    private Instant nextHubTime() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return now.isAfter(lastHubTime) ? now : lastHubTime.plus(1, ChronoUnit.MICROS);
    }

    /** A bid or ask that is not a usable price is treated as not reported. */
    private static Double sidePrice(Double side) {
        return side != null && side > 0 && Double.isFinite(side) ? side : null;
    }

    /** Mutable, confined to the sequencer thread. */
    private static final class SymbolState {
        final String symbol;
        long seq;
        RawQuote last;

        SymbolState(String symbol) {
            this.symbol = symbol;
        }

        /** A polling provider that reports the same observation again must not create a new update. */
        boolean isRepeatOf(RawQuote raw) {
            return last != null
                    && last.provider().equals(raw.provider())
                    && sameTime(last.providerTime(), raw.providerTime())
                    && last.price() == raw.price()
                    && last.volume() == raw.volume();
        }

        private static boolean sameTime(Instant a, Instant b) {
            return a.equals(b);
        }
    }
}
