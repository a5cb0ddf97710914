package io.tickhub.core.jobs;

import java.time.Instant;

/**
 * How polling one symbol of one job is going. Immutable snapshot.
 *
 * @param symbol      normalised symbol
 * @param polls       polls that answered since the job started here
 * @param changes     of those, the ones with a new observation (the others are not stored again)
 * @param lastPrice   price of the last answer, or null
 * @param lastSuccess when it last answered, or null
 * @param lastError   why the last poll failed, or null when it succeeded
 * @param failures    failures in a row (the backoff's exponent)
 * @param nextPoll    when it is polled next
 */
public record SymbolPollStatus(String symbol, long polls, long changes, Double lastPrice, Instant lastSuccess,
                               String lastError, int failures, Instant nextPoll) {
}
