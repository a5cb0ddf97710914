package io.tickhub.core.news;

/** Hears every news item the hub accepts, once, in order. */
@FunctionalInterface
public interface NewsListener {

    void onNews(NewsItem item);
}
