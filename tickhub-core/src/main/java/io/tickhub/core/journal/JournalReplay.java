package io.tickhub.core.journal;

import io.tickhub.core.quote.Quote;
import io.tickhub.core.store.Store;
import io.tickhub.core.store.StoreBatch;
import java.util.List;
import java.util.Map;

/**
 * Before a hub whose ticks live in a database serves anything, the ticks its journal holds beyond
 * what the database stored (the store writer's queue when the process was killed) are written
 * there: every update that was published is stored after recovery.
 */
public final class JournalReplay {

    static final int BATCH = 10_000;

    private JournalReplay() {
    }

    /** @return how many ticks were written to {@code store} */
    public static long intoStore(TickJournal journal, Store store) {
        long written = 0;
        for (Map.Entry<String, Long> symbol : journal.lastSeqs().entrySet()) {
            long stored = store.lastSeq(symbol.getKey());
            while (stored < symbol.getValue()) {
                List<Quote> missing = journal.seqRange(symbol.getKey(), stored, Long.MAX_VALUE, BATCH);
                if (missing.isEmpty()) {
                    break;
                }
                store.write(StoreBatch.ofQuotes(missing));
                written += missing.size();
                stored = missing.getLast().seq();
            }
        }
        return written;
    }
}
