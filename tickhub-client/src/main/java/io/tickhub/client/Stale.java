package io.tickhub.client;

import java.time.Instant;

/**
 * The staleness watchdog's verdict changed: {@code symbol} (null for the whole connection) has had
 * no update since {@code lastMessageAt} for longer than the configured limit ({@code stale} true),
 * or has updates again ({@code stale} false). This watchdog reads the data, not ping/pong: a hub
 * that answers pings but sends nothing is still stale.
 */
public record Stale(String symbol, boolean stale, Instant lastMessageAt) implements StreamEvent {
}
