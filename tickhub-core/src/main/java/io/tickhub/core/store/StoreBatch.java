package io.tickhub.core.store;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.news.NewsItem;
import io.tickhub.core.quote.Quote;

import java.util.List;

/** What one store transaction writes. Immutable once handed to {@link Store#write}. */
public record StoreBatch(List<Quote> quotes, List<Bar> bars, List<SymbolAverage> averages, List<NewsItem> news,
                         List<RawPayload> rawPayloads) {

    public StoreBatch {
        quotes = List.copyOf(quotes);
        bars = List.copyOf(bars);
        averages = List.copyOf(averages);
        news = List.copyOf(news);
        rawPayloads = List.copyOf(rawPayloads);
    }

    public static StoreBatch ofQuotes(List<Quote> quotes) {
        return new StoreBatch(quotes, List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Rows handed to the writer, as its metrics count them: the averages are derived from the
     * quotes, not handed in, so they are not counted.
     */
    public int size() {
        return quotes.size() + bars.size() + news.size() + rawPayloads.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }
}
