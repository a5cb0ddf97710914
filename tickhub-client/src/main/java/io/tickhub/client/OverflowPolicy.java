package io.tickhub.client;

/** What the inbound queue does when the application falls {@code capacity} events behind. */
public enum OverflowPolicy {
    /**
     * Quotes are conflated to the latest per symbol: the queue drops every queued quote of a
     * symbol but its newest, which keeps the place of the newest and carries the count in
     * {@link Quote#clientSkipped()}. Bars, news, errors and {@link Lost}/{@link Stale} reports are
     * never conflated. If the queue is still full after conflating (more symbols than capacity,
     * or that many non-quote events), the client fails as with {@link #FAIL}.
     */
    CONFLATE,
    /**
     * Nothing is dropped: a full queue closes the client ({@code CLOSED}, reason
     * {@code inbound queue full}), and {@link TickhubClient#poll} throws
     * {@link ClientClosedException} once the queued events are taken.
     */
    FAIL
}
