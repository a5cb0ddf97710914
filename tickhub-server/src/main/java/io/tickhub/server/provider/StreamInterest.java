package io.tickhub.server.provider;

import io.tickhub.core.fanout.SymbolInterest;
import io.tickhub.core.provider.StreamingProvider;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * System D's behaviour: a symbol a streaming client subscribes to is subscribed upstream (once,
 * however many clients want it) and released when its last client goes. Nothing happens while no
 * stream is configured (no key, or switched off). A symbol the stream's cap keeps out is reported
 * as refused, so the sessions can tell each client that subscribes to it.
 */
public final class StreamInterest implements SymbolInterest {

    private final Supplier<Optional<StreamingProvider>> stream;
    private volatile Optional<StreamingProvider> resolved;

    /** @param stream looked up once, on the first subscription (the stream is built after the fan-out) */
    public StreamInterest(Supplier<Optional<StreamingProvider>> stream) {
        this.stream = stream;
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
        return stream().map(s -> s.refused(symbol)).orElse(false);
    }

    /** Every symbol, while an upstream stream is configured: its first subscriber opens it there. */
    @Override
    public boolean streamsUpstream(String symbol) {
        return stream().isPresent();
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
