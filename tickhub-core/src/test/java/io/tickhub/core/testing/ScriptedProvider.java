package io.tickhub.core.testing;

import io.tickhub.core.provider.Fetched;
import io.tickhub.core.provider.PollingProvider;
import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.store.RawPayload;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A polling provider whose answers a test scripts per symbol: a price (observed at a given time)
 * or a failure. The last answer repeats once the script runs out. Thread-safe.
 */
public final class ScriptedProvider implements PollingProvider {

    private final String name;
    private final Clock clock;
    private final Map<String, ArrayDeque<Object>> script = new HashMap<>();
    private final Map<String, Object> last = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private int payloads;

    public ScriptedProvider(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    /** Next answer for {@code symbol}: this price, observed now. */
    public synchronized ScriptedProvider price(String symbol, double price) {
        return price(symbol, price, null);
    }

    /** Next answer for {@code symbol}: this price, observed at {@code observed} (null: when polled). */
    public synchronized ScriptedProvider price(String symbol, double price, Instant observed) {
        script.computeIfAbsent(symbol, s -> new ArrayDeque<>()).add(new double[] {price,
                observed == null ? Double.NaN : observed.toEpochMilli()});
        return this;
    }

    /** Next answer for {@code symbol}: this failure. */
    public synchronized ScriptedProvider fail(String symbol, ProviderException.Kind kind, String message) {
        script.computeIfAbsent(symbol, s -> new ArrayDeque<>()).add(new ProviderException(kind, message));
        return this;
    }

    public synchronized ScriptedProvider fail(String symbol, ProviderException failure) {
        script.computeIfAbsent(symbol, s -> new ArrayDeque<>()).add(failure);
        return this;
    }

    /** Next answer for {@code symbol}: this unexpected exception (an adapter bug). */
    public synchronized ScriptedProvider bug(String symbol, RuntimeException bug) {
        script.computeIfAbsent(symbol, s -> new ArrayDeque<>()).add(bug);
        return this;
    }

    /** Symbols fetched, in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized long callsFor(String symbol) {
        return calls.stream().filter(symbol::equals).count();
    }

    @Override
    public synchronized Fetched fetch(String symbol) throws ProviderException {
        calls.add(symbol);
        ArrayDeque<Object> queue = script.get(symbol);
        Object answer = queue != null && !queue.isEmpty() ? queue.poll() : last.get(symbol);
        if (answer == null) {
            throw new ProviderException(ProviderException.Kind.UNKNOWN_SYMBOL, "nothing scripted for " + symbol);
        }
        last.put(symbol, answer);
        if (answer instanceof ProviderException e) {
            throw e;
        }
        if (answer instanceof RuntimeException e) {
            throw e;
        }
        double[] p = (double[]) answer;
        Instant observed = Double.isNaN(p[1]) ? clock.instant() : Instant.ofEpochMilli((long) p[1]);
        String id = name + "-" + (++payloads);
        return new Fetched(RawQuote.lastPrice(symbol, p[0], name, observed).withRawId(id),
                new RawPayload(id, name, symbol, clock.instant(), "application/json",
                        "{\"symbol\":\"" + symbol + "\",\"price\":" + p[0] + "}"));
    }
}
