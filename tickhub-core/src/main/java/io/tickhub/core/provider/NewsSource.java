package io.tickhub.core.provider;

import io.tickhub.core.news.NewsItem;
import java.time.LocalDate;
import java.util.List;

/**
 * A provider of company news the hub polls (Finnhub company news). Thread-safe; calls block.
 */
public interface NewsSource {

    String name();

    /**
     * News about {@code symbol} published on the days {@code from} to {@code to} (inclusive), as the
     * provider returns it. Repeats across polls are fine: the news wire drops them by id.
     */
    List<NewsItem> news(String symbol, LocalDate from, LocalDate to) throws ProviderException;
}
