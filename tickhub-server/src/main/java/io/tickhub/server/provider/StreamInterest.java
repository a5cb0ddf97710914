package io.tickhub.server.provider;

import io.tickhub.core.fanout.SymbolInterest;
import io.tickhub.core.provider.StreamingProvider;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * System D's behaviour: a symbol a streaming client subscribes to is subscribed upstream (once,
 * however many clients want it) and released when its last client goes. Nothing happens while no
 * stream is configured (no key, or switched off). A symbol the stream's cap keeps out is reported
 * to each client that subscribes to it, and each such refusal is counted.
 */
public final class StreamInterest implements SymbolInterest {

    private final Supplier<Optional<StreamingProvider>> stream;
    private final Runnable refusal;
    private volatile Optional<StreamingProvider> resolved;

    /** @param stream looked up once, on the first subscription (the stream is built after the fan-out) */
    public StreamInterest(Supplier<Optional<StreamingProvider>> stream) {
        this(stream, () -> { });
    }

    /** @param refusal run once per client told that a symbol is not streamed upstream (a metric) */
    public StreamInterest(Supplier<Optional<StreamingProvider>> stream, Runnable refusal) {
        this.stream = stream;
        this.refusal = refusal;
    }

    @Override
    public void firstSubscriber(String symbol) {
        stream().ifPresent(s -> s.subscribe(symbol));
    }

    @Override
    public void lastSubscriberGone(String symbol) {
        stream().ifPresent(s -> s.unsubscribe(symbol));
    }

    @Override
    public boolean refusedUpstream(String symbol) {
        boolean refused = stream().map(s -> s.refused(symbol)).orElse(false);
        if (refused) {
            refusal.run();
        }
        return refused;
    }

    private Optional<StreamingProvider> stream() {
        Optional<StreamingProvider> current = resolved;
        if (current == null) {
            current = stream.get();
            resolved = current;
        }
        return current;
    }
}
