package io.tickhub.core.jobs;

import io.github.resilience4j.core.IntervalFunction;
import io.tickhub.core.retry.Backoff;
import java.time.Duration;
import java.time.Instant;

/**
 * Polling one symbol of one job: when it is due, whether a poll is under way, and how the last ones
 * went. Thread-safe: the scheduler thread claims it, a poller thread reports the outcome; its own
 * monitor orders the two (one task is never polled twice at once).
 */
final class PollTask {

    final String jobId;
    final String symbol;
    final String provider;
    final Duration interval;
    private final IntervalFunction backoff;

    private Instant nextDue;
    private boolean inFlight;
    private int failures;
    private long polls;
    private long changes;
    private Double lastPrice;
    private Instant lastSuccess;
    private String lastError;

    /** @param backoffMax the longest wait after failures in a row (never shorter than the interval) */
    PollTask(String jobId, String symbol, String provider, Duration interval, Duration backoffMax, Instant firstDue) {
        this.jobId = jobId;
        this.symbol = symbol;
        this.provider = provider;
        this.interval = interval;
        this.nextDue = firstDue;
        // Doubling from the interval: a failing symbol is never asked more often than a healthy one.
        this.backoff = Backoff.doubling(interval, backoffMax);
    }

    synchronized boolean isDue(Instant now) {
        return !inFlight && !now.isBefore(nextDue);
    }

    /** Marks a poll under way if the task is due; false when it is not due or already being polled. */
    synchronized boolean claim(Instant now) {
        if (!isDue(now)) {
            return false;
        }
        inFlight = true;
        return true;
    }

    /** Not polled before {@code when} (a spent budget, a provider cooling down), without counting a failure. */
    synchronized void deferTo(Instant when, String why) {
        if (when.isAfter(nextDue)) {
            nextDue = when;
        }
        if (why != null) {
            lastError = why;
        }
    }

    /** The poll claimed at {@code started} answered; the next is one interval after it started. */
    synchronized void succeeded(Instant started, Instant now, double price, boolean changed) {
        inFlight = false;
        failures = 0;
        polls++;
        if (changed) {
            changes++;
        }
        lastPrice = price;
        lastSuccess = now;
        lastError = null;
        Instant next = started.plus(interval);
        nextDue = next.isAfter(now) ? next : now;
    }

    /** The poll failed and counts towards the backoff: the next is a jittered, doubling wait away. */
    synchronized void failed(Instant now, String why) {
        inFlight = false;
        failures++;
        lastError = why;
        nextDue = now.plusMillis(backoff.apply(failures));
    }

    /** The poll was refused for a rate limit: wait until {@code until}, not counted as a failure. */
    synchronized void rateLimited(Instant until, String why) {
        inFlight = false;
        lastError = why;
        nextDue = until;
    }

    synchronized SymbolPollStatus view() {
        return new SymbolPollStatus(symbol, polls, changes, lastPrice, lastSuccess, lastError, failures, nextDue);
    }
}
