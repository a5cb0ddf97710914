package io.tickhub.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.client.Lost;
import io.tickhub.client.Quote;
import io.tickhub.client.StreamEvent;
import io.tickhub.client.TickhubClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Every update of every symbol accounted for: between two quotes of a symbol the application got,
 * each seq in between must be counted as skipped by the hub ({@code conflated}), by the client's
 * queue ({@code clientSkipped}), or named in a {@link Lost}. Nothing vanishes unannounced.
 */
final class Ledger {

    private final Map<String, Long> lastSeq = new HashMap<>();
    private final Map<String, Long> lostSince = new HashMap<>();
    final Map<String, Long> delivered = new HashMap<>();
    final List<Lost> lost = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    long repaired;

    void take(StreamEvent event) {
        switch (event) {
            case Quote q -> quote(q);
            case Lost l -> {
                lost.add(l);
                lostSince.merge(l.symbol(), l.toSeq() < 0 ? Long.MAX_VALUE / 2 : l.toSeq() - l.fromSeq() + 1, Long::sum);
            }
            default -> { }
        }
    }

    private void quote(Quote q) {
        Long previous = lastSeq.put(q.symbol(), q.seq());
        long lostBetween = lostSince.getOrDefault(q.symbol(), 0L);
        lostSince.remove(q.symbol());
        delivered.merge(q.symbol(), 1L, Long::sum);
        if (q.repaired()) {
            repaired++;
        }
        if (previous == null) {
            return;
        }
        long missing = q.seq() - previous - 1;
        if (q.seq() <= previous) {
            violations.add(q.symbol() + " " + q.seq() + " after " + previous + " (repeat or out of order)");
        } else if (missing != q.conflated() + q.clientSkipped() + lostBetween) {
            violations.add(q.symbol() + " " + previous + " -> " + q.seq() + ": " + missing + " missing, accounted "
                    + q.conflated() + " by the hub, " + q.clientSkipped() + " by the queue, " + lostBetween + " lost");
        }
    }

    long last(String symbol) {
        return lastSeq.getOrDefault(symbol, 0L);
    }

    /** Takes events until {@code done} holds, failing after {@code timeout}. */
    void drainUntil(TickhubClient client, BooleanSupplier done, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("in time; stats %s, state %s", client.stats(), client.state()).isBefore(end);
            StreamEvent event = client.poll(Duration.ofMillis(100));
            if (event != null) {
                take(event);
            }
        }
    }

    void assertEveryUpdateAccountedFor() {
        assertThat(violations).as("every seq delivered, counted as skipped, or reported lost").isEmpty();
    }
}
