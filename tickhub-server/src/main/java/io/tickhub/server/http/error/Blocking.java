package io.tickhub.server.http.error;

import io.tickhub.core.store.StoreException;
import java.time.Duration;
import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs a blocking call (JDBC) off the Netty event loop, on Reactor's bounded elastic pool, so a
 * slow or unreachable database never stalls the threads that serve every other connection.
 */
public final class Blocking {

    /** Longest a request waits for the store before it is answered 503. */
    public static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private Blocking() {
    }

    public static <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic()).timeout(STORE_TIMEOUT,
                Mono.error(() -> new StoreException("the store did not answer within "
                        + STORE_TIMEOUT.toSeconds() + " s")));
    }
}
