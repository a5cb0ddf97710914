package io.tickhub.core.fanout;

import io.tickhub.core.news.NewsItem;
import io.tickhub.core.quote.Timestamps;
import java.util.Collection;

/**
 * News on the wire: the native {@code news} message
 * ({@code {"type":"news","data":{"id","symbols","headline","summary","source","url","published"}}})
 * and system A's {@code /ws/news} frames, items keyed by id ({@code {"<id>": item}}).
 */
public final class NewsMessages {

    private NewsMessages() {
    }

    public static byte[] news(NewsItem item) {
        StringBuilder out = new StringBuilder(320);
        out.append("{\"type\":\"news\"");
        Json.field(out, "data");
        item(out, item);
        return Json.utf8(out.append('}'));
    }

    /** System A: items keyed by id, in the order given; {@code {}} when there are none. */
    public static byte[] byId(Collection<NewsItem> items) {
        StringBuilder out = new StringBuilder(16 + items.size() * 300).append('{');
        for (NewsItem item : items) {
            if (out.length() > 1) {
                out.append(',');
            }
            Json.string(out, item.id()).append(':');
            item(out, item);
        }
        return Json.utf8(out.append('}'));
    }

    private static void item(StringBuilder out, NewsItem item) {
        out.append('{');
        Json.field(out, "id");
        Json.string(out, item.id());
        Json.field(out, "symbols").append('[');
        for (int i = 0; i < item.symbols().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Json.string(out, item.symbols().get(i));
        }
        out.append(']');
        Json.field(out, "headline");
        Json.string(out, item.headline());
        Json.field(out, "summary");
        Json.string(out, item.summary());
        Json.field(out, "source");
        Json.string(out, item.source());
        Json.field(out, "url");
        Json.string(out, item.url());
        Json.field(out, "published");
        Json.string(out, Timestamps.iso(item.published()));
        out.append('}');
    }
}
