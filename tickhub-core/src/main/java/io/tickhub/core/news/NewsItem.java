package io.tickhub.core.news;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One news item, as every news source is mapped. Immutable.
 *
 * @param id        unique per source (the wire's dedupe key)
 * @param symbols   normalised symbols it is about; may be empty (general market news)
 * @param headline  never blank
 * @param summary   may be null
 * @param source    who published it ({@code Tickhub simulator}, {@code Reuters}, ...)
 * @param url       link to the article, or null
 * @param published when the source published it
 */
public record NewsItem(String id, List<String> symbols, String headline, String summary, String source, String url,
                       Instant published) {

    public NewsItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(published, "published");
        if (headline == null || headline.isBlank()) {
            throw new IllegalArgumentException("a news item needs a headline");
        }
        symbols = List.copyOf(symbols);
    }
}
