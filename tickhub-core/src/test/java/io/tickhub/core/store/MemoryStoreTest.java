package io.tickhub.core.store;

/** The writer's test double keeps the same contract as the real adapters. */
class MemoryStoreTest extends StoreContract {

    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
