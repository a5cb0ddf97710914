package io.tickhub.core.fanout;

import io.tickhub.core.quote.InvalidSymbolException;
import io.tickhub.core.quote.Symbols;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The symbol arguments of {@code subscribe} and {@code unsubscribe}, normalised as the hub keys them. */
final class SubscribeArguments {

    private SubscribeArguments() {
    }

    /** Valid symbols normalised (first spelling kept), in order; the rest rejected. */
    static Map<String, String> symbols(List<String> raw, boolean allowWildcard, List<NativeMessages.Rejection> rejected) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String symbol : raw) {
            String name = normalise(symbol, allowWildcard, rejected);
            if (name != null) {
                out.putIfAbsent(name, symbol);
            }
        }
        return out;
    }

    private static String normalise(String raw, boolean allowWildcard, List<NativeMessages.Rejection> rejected) {
        if (NativeSession.EVERY_SYMBOL.equals(raw)) {
            if (allowWildcard) {
                return raw;
            }
            rejected.add(new NativeMessages.Rejection(raw, "wildcard_not_allowed", null));
            return null;
        }
        try {
            return Symbols.normalize(raw);
        } catch (InvalidSymbolException e) {
            rejected.add(new NativeMessages.Rejection(raw, "invalid_symbol", null));
            return null;
        }
    }

    /**
     * The resume map keyed by normalised symbol, built once per subscribe. Where several keys name
     * the same symbol, one already in normal form wins, then the first in sorted order; keys that
     * are not symbols are left out.
     */
    static Map<String, Long> resumeBySymbol(Map<String, Long> resume) {
        if (resume.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> out = new HashMap<>();
        for (Map.Entry<String, Long> e : new TreeMap<>(resume).entrySet()) {
            if (Symbols.isValid(e.getKey()) && Symbols.normalize(e.getKey()).equals(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Long> e : new TreeMap<>(resume).entrySet()) {
            if (Symbols.isValid(e.getKey())) {
                out.putIfAbsent(Symbols.normalize(e.getKey()), e.getValue());
            }
        }
        return out;
    }
}
