package io.tickhub.core.testing;

import io.tickhub.core.news.NewsItem;
import java.time.Instant;
import java.util.List;

/** News items for tests. */
public final class NewsFixtures {

    public static final Instant PUBLISHED = Instant.parse("2025-01-02T14:30:00Z");

    private NewsFixtures() {
    }

    public static NewsItem item(String id, String... symbols) {
        return new NewsItem(id, List.of(symbols), "Headline " + id, "Summary of " + id, "test",
                "https://news.example/" + id, PUBLISHED);
    }
}
