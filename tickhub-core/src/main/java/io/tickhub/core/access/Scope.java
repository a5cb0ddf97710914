package io.tickhub.core.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a credential may do. Each route and stream needs exactly one scope; the table is the
 * server's {@code RouteScopes}.
 */
public enum Scope {
    /** REST market data: quotes, history, bars, news, indicators, status, metrics. */
    READ,
    /** Streaming connections: every WebSocket endpoint and Server-Sent Events. */
    STREAM,
    /** Polling jobs and on-demand polls: what spends a provider's request budget. */
    JOBS,
    /** API keys and the hub's settings and internals. */
    ADMIN;

    public static final Set<Scope> ALL = Set.copyOf(EnumSet.allOf(Scope.class));

    /** The name on the wire and in settings: {@code read}, {@code stream}, {@code jobs}, {@code admin}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope a wire name stands for, case-insensitive; throws naming the valid ones otherwise. */
    public static Scope parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown scope '" + name + "'; use read, stream, jobs or admin");
        }
    }

    /** Parses a list of wire names; empty gives the empty set. */
    public static Set<Scope> parseAll(Iterable<String> names) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            if (!name.isBlank()) {
                scopes.add(parse(name));
            }
        }
        return Set.copyOf(scopes);
    }
}
