package io.tickhub.core.journal;

import io.tickhub.core.store.MemoryStore;
import io.tickhub.core.store.Store;
import io.tickhub.core.store.StoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store (ticks in the journal, the rest in SQL) keeps the contract of every store. */
class JournalTickStoreTest extends StoreContract {

    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return new JournalTickStore(TickJournal.open(dir.resolve("journal"), 4, "boot-1"), new MemoryStore());
    }
}
