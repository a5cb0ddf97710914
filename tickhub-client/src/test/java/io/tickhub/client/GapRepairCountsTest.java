package io.tickhub.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The counters a reader checks against what it took: a repaired quote is counted before it reaches
 * the queue, so an application thread that has taken it never sees {@code updatesRepaired} behind
 * (the counter was once raised after the hand-over, and a test reading both saw 994 against 995).
 */
class GapRepairCountsTest {

    @Test
    void aRepairedQuoteIsCountedBeforeItIsHandedOver() {
        ClientCounters counters = new ClientCounters();
        List<Long> repairedWhenHandedOver = new ArrayList<>();
        ManualScheduler loop = new ManualScheduler();
        HistorySource history = (symbol, from, limit, cursor) -> CompletableFuture.completedFuture(
                new HistoryPage(symbol, "e1", List.of(stored(symbol, 2), stored(symbol, 3)), null));
        GapRepair repair = new GapRepair(history, loop, ClientConfig.builder(URI.create("ws://127.0.0.1:1/ws")).build(),
                counters, event -> {
                    if (event instanceof Quote q && q.repaired()) {
                        repairedWhenHandedOver.add(counters.snapshot().updatesRepaired());
                    }
                });

        repair.gap("AAPL", new SequenceGuard.Verdict.Gap(2, 3, "e1", 1_000_000L), null);
        loop.runReady();

        assertThat(repairedWhenHandedOver).containsExactly(1L, 2L);
    }

    private static Quote stored(String symbol, long seq) {
        return new Quote(symbol, seq, 1_000_000L + seq, 100.0, 1.0, 1_000L + seq, null, null, null, null, "sim",
                false, 0, 0, true, "e1");
    }
}
