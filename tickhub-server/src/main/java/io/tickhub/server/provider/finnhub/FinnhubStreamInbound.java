package io.tickhub.server.provider.finnhub;

import io.tickhub.core.ingest.QuoteSink;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.store.RawPayload;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on Finnhub's inbound frames, called by one thread at a time (the connection's reader);
 * counters may be read from any thread. Trades become quotes (linked to the frame, kept as a raw
 * payload), error frames are reported, malformed ones counted and skipped.
 */
final class FinnhubStreamInbound {

    private static final Logger log = LoggerFactory.getLogger(FinnhubStreamInbound.class);

    private final FinnhubStreamCodec codec;
    private final FinnhubStreamSettings settings;
    private final QuoteSink sink;
    private final Consumer<RawPayload> payloads;
    private final ProviderStatusBoard status;
    private final Clock clock;

    private final LongAdder quotes = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder upstreamErrors = new LongAdder();

    FinnhubStreamInbound(FinnhubStreamCodec codec, FinnhubStreamSettings settings, QuoteSink sink,
                         Consumer<RawPayload> payloads, ProviderStatusBoard status, Clock clock) {
        this.codec = codec;
        this.settings = settings;
        this.sink = sink;
        this.payloads = payloads;
        this.status = status;
        this.clock = clock;
    }

    /** @return whether the frame shows the upstream alive (a trade frame or a ping) */
    boolean handle(String text) {
        Instant receivedAt = clock.instant();
        switch (codec.decode(text)) {
            case FinnhubStreamFrame.Trades t -> {
                malformed.add(t.skipped());
                if (!t.trades().isEmpty()) {
                    publish(t.trades(), text, receivedAt);
                }
                return true;
            }
            case FinnhubStreamFrame.Ping p -> {
                return true;
            }
            case FinnhubStreamFrame.Error e -> {
                // Usually a refused subscription: worth showing in health, not worth a reconnect.
                upstreamErrors.increment();
                String message = settings.redact("Finnhub stream error from upstream: " + e.message());
                status.failed(FinnhubStream.NAME, message);
                log.warn(message);
                return false;
            }
            case FinnhubStreamFrame.Other o -> {
                log.debug("Finnhub stream ignored a '{}' frame", o.type());
                return false;
            }
            case FinnhubStreamFrame.Malformed m -> {
                malformed.increment();
                long count = malformed.sum();
                // The first says what is wrong; a stream of garbage must not flood the log after it.
                if (count == 1 || count % 1_000 == 0) {
                    log.warn("Finnhub stream skipped a malformed frame ({}); {} so far", m.reason(), count);
                } else {
                    log.debug("Finnhub stream skipped a malformed frame ({})", m.reason());
                }
                return false;
            }
        }
    }

    private void publish(List<FinnhubStreamFrame.Trade> trades, String text, Instant receivedAt) {
        String id = UUID.randomUUID().toString();
        // The payload first: a stored price point must never name a payload that is not stored yet.
        payloads.accept(new RawPayload(id, FinnhubStream.NAME, onlySymbol(trades), receivedAt, "application/json", text));
        List<RawQuote> frame = new ArrayList<>(trades.size());
        for (FinnhubStreamFrame.Trade trade : trades) {
            frame.add(new RawQuote(trade.symbol(), trade.price(), null, null, trade.volume(), FinnhubStream.NAME,
                    Instant.ofEpochMilli(trade.epochMillis()), id));
        }
        sink.submitAll(frame); // a frame's trades together: one wake-up of the sequencer
        quotes.add(trades.size());
        status.succeeded(FinnhubStream.NAME, trades.size());
    }

    /** The frame's symbol when all its trades share one, else null (a multi-symbol payload). */
    private static String onlySymbol(List<FinnhubStreamFrame.Trade> trades) {
        String first = trades.getFirst().symbol();
        return trades.stream().allMatch(t -> t.symbol().equals(first)) ? first : null;
    }

    long quoteCount() {
        return quotes.sum();
    }

    long malformedCount() {
        return malformed.sum();
    }

    long upstreamErrorCount() {
        return upstreamErrors.sum();
    }
}
