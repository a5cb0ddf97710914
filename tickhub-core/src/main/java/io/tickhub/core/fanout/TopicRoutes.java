package io.tickhub.core.fanout;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connections want which topics (a symbol's news, a symbol's bars of one interval), plus
 * the connections that want every topic. Publishers read copy-on-write arrays without a lock;
 * subscriptions change on the connections' own threads. Every subscription of a connection is
 * released by {@link #unregister}.
 */
final class TopicRoutes {

    private final ConcurrentHashMap<String, Connection[]> byTopic = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Connection, Set<String>> topicsOf = new ConcurrentHashMap<>();
    /** Copy-on-write under {@code this}. */
    private volatile Connection[] everything = Subscribers.NONE;

    /** Each connection that wants any of {@code topics} (or everything), once. */
    Set<Connection> targets(Collection<String> topics) {
        if (everything.length == 0 && !anySubscribed(topics)) {
            return Set.of(); // the common case for bars: nobody asked for this one
        }
        Set<Connection> out = Collections.newSetFromMap(new IdentityHashMap<>());
        out.addAll(Arrays.asList(everything));
        for (String topic : topics) {
            out.addAll(Arrays.asList(byTopic.getOrDefault(topic, Subscribers.NONE)));
        }
        return out;
    }

    /** Whether anyone takes {@code topic}: checked for every bar change, without allocating. */
    boolean anyFor(String topic) {
        return everything.length > 0 || byTopic.containsKey(topic);
    }

    /** A plain loop: this runs for every bar change, and a stream would allocate on each. */
    private boolean anySubscribed(Collection<String> topics) {
        for (String topic : topics) {
            if (byTopic.containsKey(topic)) {
                return true;
            }
        }
        return false;
    }

    /** @return false when the connection already had the topic, or is closed (it would never be released) */
    boolean subscribe(Connection connection, String topic) {
        if (connection.isClosed()
                || !topicsOf.computeIfAbsent(connection, c -> ConcurrentHashMap.newKeySet()).add(topic)) {
            return false;
        }
        connection.subscriptionAdded();
        byTopic.compute(topic, (t, current) -> Subscribers.plus(current, connection));
        return true;
    }

    /** @return false when it did not have the topic */
    boolean unsubscribe(Connection connection, String topic) {
        Set<String> topics = topicsOf.get(connection);
        if (topics == null || !topics.remove(topic)) {
            return false;
        }
        connection.subscriptionRemoved();
        release(connection, topic);
        return true;
    }

    /** @return false when it already had every topic */
    synchronized boolean subscribeAll(Connection connection) {
        if (connection.isClosed() || Subscribers.contains(everything, connection)) {
            return false;
        }
        connection.subscriptionAdded();
        everything = Subscribers.plus(everything, connection);
        return true;
    }

    /** @return false when it did not have every topic */
    synchronized boolean unsubscribeAll(Connection connection) {
        if (!Subscribers.contains(everything, connection)) {
            return false;
        }
        Connection[] rest = Subscribers.minus(everything, connection);
        everything = rest == null ? Subscribers.NONE : rest;
        connection.subscriptionRemoved();
        return true;
    }

    boolean has(Connection connection, String topic) {
        Set<String> topics = topicsOf.get(connection);
        return topics != null && topics.contains(topic);
    }

    boolean hasAll(Connection connection) {
        return Subscribers.contains(everything, connection);
    }

    /** The connection's topics (a copy). */
    Set<String> topicsOf(Connection connection) {
        Set<String> topics = topicsOf.get(connection);
        return topics == null ? Set.of() : Set.copyOf(topics);
    }

    /** Releases everything the connection had. Safe to call more than once. */
    void unregister(Connection connection) {
        unsubscribeAll(connection);
        Set<String> topics = topicsOf.remove(connection);
        if (topics != null) {
            for (String topic : topics) {
                if (topics.remove(topic)) {
                    connection.subscriptionRemoved();
                    release(connection, topic);
                }
            }
        }
    }

    /** Subscriptions over all connections (one per topic, one per every-topic connection). */
    int subscriptions() {
        int total = everything.length;
        for (Connection[] connections : byTopic.values()) {
            total += connections.length;
        }
        return total;
    }

    private void release(Connection connection, String topic) {
        byTopic.computeIfPresent(topic, (t, current) -> Subscribers.minus(current, connection));
    }
}
