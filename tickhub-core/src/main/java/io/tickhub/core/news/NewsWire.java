package io.tickhub.core.news;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The hub's news feed: accepts items from any source (any thread), drops repeats by id, keeps
 * the most recent ones for snapshots, and tells every listener in acceptance order.
 *
 * <p>News is a few items a minute, not a hot path: one monitor orders everything, which also
 * lets a new subscriber read the recent items and register in one step ({@link #join}), so it
 * neither misses nor repeats an item published meanwhile.
 */
public final class NewsWire {

    private final int capacity;
    private final ArrayDeque<NewsItem> recent;
    private final Set<String> recentIds = new HashSet<>();
    private final List<NewsListener> listeners = new CopyOnWriteArrayList<>();

    /** @param capacity how many recent items are kept for snapshots */
    public NewsWire(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("news capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(capacity);
    }

    /** @return false when an item with that id is already held (a repeat) */
    public synchronized boolean publish(NewsItem item) {
        if (!recentIds.add(item.id())) {
            return false;
        }
        if (recent.size() == capacity) {
            recentIds.remove(recent.removeFirst().id());
        }
        recent.addLast(item);
        for (NewsListener listener : listeners) {
            listener.onNews(item);
        }
        return true;
    }

    public void subscribe(NewsListener listener) {
        listeners.add(listener);
    }

    /**
     * Runs {@code join} with the recent items (oldest first) while no item can be published: what
     * it registers hears exactly the items after those.
     */
    public synchronized void join(Consumer<List<NewsItem>> join) {
        join.accept(List.copyOf(recent));
    }

    /** Up to {@code limit} most recent items, newest first; only those about {@code symbol} when it is not null. */
    public synchronized List<NewsItem> recent(String symbol, int limit) {
        List<NewsItem> out = new ArrayList<>(Math.min(limit, recent.size()));
        Iterator<NewsItem> newestFirst = recent.descendingIterator();
        while (newestFirst.hasNext() && out.size() < limit) {
            NewsItem item = newestFirst.next();
            if (symbol == null || item.symbols().contains(symbol)) {
                out.add(item);
            }
        }
        return out;
    }
}
