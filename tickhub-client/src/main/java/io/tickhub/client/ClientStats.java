package io.tickhub.client;

/**
 * The client's counters at one instant, since it started.
 *
 * @param updatesReceived   quotes read from the stream (duplicates included)
 * @param duplicatesDropped quotes dropped because their seq was already delivered (a replay overlapping what came)
 * @param gaps              gaps detected: seqs missing from the stream and not accounted for by the hub's {@code conflated}
 * @param updatesRepaired   missing quotes fetched from REST history and delivered
 * @param updatesLost       missing quotes reported in {@link Lost} events (an unknown range counts 1)
 * @param hubConflated      quotes the hub skipped for this client ({@code conflated:n}: its slow-consumer rule, {@code maxRate})
 * @param clientConflated   quotes this client's inbound queue replaced because the application was slow
 * @param reconnects        connection attempts after the first
 * @param queueDepth        events waiting in the inbound queue
 * @param lagMicros         how far behind the hub the application is: clock time minus the hub time ({@code ts})
 *                          of the last quote it took, in microseconds; 0 before the first
 */
public record ClientStats(long updatesReceived, long duplicatesDropped, long gaps, long updatesRepaired,
                          long updatesLost, long hubConflated, long clientConflated, long reconnects, long queueDepth,
                          long lagMicros) {
}
