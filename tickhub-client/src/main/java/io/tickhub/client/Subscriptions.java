package io.tickhub.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the application subscribed to, channel by channel in the order asked, and the
 * {@code subscribe} messages that ask for it again: quote symbols with {@code resume} after their
 * last delivered seq and the {@code epoch} of that seq. Confined to the client's loop thread.
 */
final class Subscriptions {

    static final String QUOTES = "quotes";
    /** Symbols per message: 500 short symbols stay far below the hub's 64 KiB frame limit. */
    private static final int SYMBOLS_PER_SUBSCRIBE = 500;

    private final Map<String, Set<String>> wanted = new LinkedHashMap<>();

    void add(List<String> symbols, List<String> channels) {
        for (String channel : channels) {
            wanted.computeIfAbsent(channel, c -> new LinkedHashSet<>()).addAll(symbols);
        }
    }

    void remove(List<String> symbols, List<String> channels) {
        for (String channel : channels) {
            Set<String> held = wanted.get(channel);
            if (held != null) {
                held.removeAll(symbols);
            }
        }
    }

    List<String> quoteSymbols() {
        return List.copyOf(wanted.getOrDefault(QUOTES, Set.of()));
    }

    /** The messages that subscribe everything again. */
    List<String> all(Function<String, SequenceGuard.Position> positions) {
        List<String> out = new ArrayList<>();
        wanted.forEach((channel, symbols) -> {
            if (!symbols.isEmpty()) {
                out.addAll(messages(List.of(channel), new ArrayList<>(symbols), positions));
            }
        });
        return out;
    }

    /**
     * The messages that subscribe {@code symbols} on {@code channels}: one per channel but quotes,
     * and on quotes one for the symbols with nothing delivered yet (and {@code *}, which the hub does
     * not resume) and one per epoch for the others, with their resume seqs.
     */
    List<String> messages(List<String> channels, List<String> symbols, Function<String, SequenceGuard.Position> positions) {
        List<String> out = new ArrayList<>();
        for (String channel : channels) {
            if (!QUOTES.equals(channel)) {
                chunks(symbols).forEach(part -> out.add(MessageCodec.subscribe(part, List.of(channel), Map.of(), null)));
                continue;
            }
            Map<String, Map<String, Long>> resumeByEpoch = new LinkedHashMap<>();
            List<String> fresh = new ArrayList<>();
            for (String s : symbols) {
                SequenceGuard.Position at = positions.apply(s);
                if (at == null || at.seq() == 0 || "*".equals(s)) {
                    fresh.add(s);
                } else {
                    resumeByEpoch.computeIfAbsent(at.epoch(), x -> new LinkedHashMap<>()).put(s, at.seq());
                }
            }
            chunks(fresh).forEach(part -> out.add(MessageCodec.subscribe(part, List.of(QUOTES), Map.of(), null)));
            resumeByEpoch.forEach((epoch, resume) -> chunks(new ArrayList<>(resume.keySet())).forEach(part -> {
                Map<String, Long> r = new LinkedHashMap<>();
                part.forEach(s -> r.put(s, resume.get(s)));
                out.add(MessageCodec.subscribe(part, List.of(QUOTES), r, epoch));
            }));
        }
        return out;
    }

    private static List<List<String>> chunks(List<String> symbols) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i += SYMBOLS_PER_SUBSCRIBE) {
            out.add(symbols.subList(i, Math.min(symbols.size(), i + SYMBOLS_PER_SUBSCRIBE)));
        }
        return out;
    }
}
