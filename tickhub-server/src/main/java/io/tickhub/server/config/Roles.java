package io.tickhub.server.config;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this node does ({@code tickhub.roles}): {@code all} (the default, one process does
 * everything) or any of {@code ingest} (providers and polling jobs, sequencing, publishing to the
 * bus), {@code worker} (one of a consumer group that writes the store and the shared cache) and
 * {@code gateway} (every partition into its book, serving REST, WebSocket and SSE). The same jar
 * runs each role; only what is started differs.
 */
public record Roles(Set<Role> roles) {

    public enum Role { INGEST, WORKER, GATEWAY }

    public static final Roles ALL = new Roles(EnumSet.allOf(Role.class));

    public Roles {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("tickhub.roles names no role; use all, or any of ingest, worker, gateway");
        }
        roles = Set.copyOf(roles);
    }

    /** Parses {@code all} or a list of role names, case-insensitive; names the bad one otherwise. */
    public static Roles parse(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("tickhub.roles names no role; use all, or any of ingest, worker, gateway");
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String raw : names) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "all" -> roles.addAll(EnumSet.allOf(Role.class));
                case "ingest" -> roles.add(Role.INGEST);
                case "worker" -> roles.add(Role.WORKER);
                case "gateway" -> roles.add(Role.GATEWAY);
                default -> throw new IllegalArgumentException("tickhub.roles: unknown role '" + raw
                        + "'; use all, or any of ingest, worker, gateway");
            }
        }
        return new Roles(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAll() {
        return roles.size() == Role.values().length;
    }

    @Override
    public String toString() {
        return isAll() ? "all" : roles.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(","));
    }
}
