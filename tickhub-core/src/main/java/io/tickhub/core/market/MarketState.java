package io.tickhub.core.market;

/**
 * Which session of its exchange a market is in, with Yahoo's names (those system A's clients read
 * in {@code meta.marketState}).
 */
public enum MarketState {
    /** Before the regular session: 04:00 to 09:30 New York time on a trading day. */
    PRE,
    /** The regular session: 09:30 to 16:00 (13:00 on an early close). */
    REGULAR,
    /** After the regular session: its close to 20:00. */
    POST,
    /** Nights, weekends and holidays. */
    CLOSED
}
