package io.tickhub.core.fanout;

import io.tickhub.core.analytics.BarInterval;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The answer to the native protocol's {@code list} action: a connection's subscriptions by channel. */
final class SubscriptionListing {

    private SubscriptionListing() {
    }

    /** The client's subscriptions by channel, {@code *} included; bar channels only when it has some. */
    static Map<String, Set<String>> of(Connection connection, Set<String> awaiting, NewsFanOut news, BarFanOut bars) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Set<String> quotes = new HashSet<>(connection.symbols());
        quotes.addAll(awaiting);
        out.put(NativeSession.QUOTES, listed(quotes, connection.isWildcard()));
        out.put(NativeSession.NEWS, listed(news.symbolsOf(connection), news.isSubscribedToAll(connection)));
        for (BarInterval interval : BarInterval.values()) {
            Set<String> barSymbols = listed(bars.symbolsOf(connection, interval),
                    bars.isSubscribedToAll(connection, interval));
            if (!barSymbols.isEmpty()) {
                out.put(interval.channel(), barSymbols);
            }
        }
        return out;
    }

    /** {@code symbols} sorted, with {@code *} when the connection has every symbol. */
    private static Set<String> listed(Set<String> symbols, boolean every) {
        Set<String> out = new TreeSet<>(symbols);
        if (every) {
            out.add(NativeSession.EVERY_SYMBOL);
        }
        return out;
    }
}
