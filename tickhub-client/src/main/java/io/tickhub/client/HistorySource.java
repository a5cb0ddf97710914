package io.tickhub.client;

import java.util.concurrent.CompletableFuture;

/** Where gap repair reads stored quotes: {@link TickhubRest#history} in use, a fake in tests. */
@FunctionalInterface
interface HistorySource {

    CompletableFuture<HistoryPage> history(String symbol, long fromMillis, int limit, String cursor);
}
