package io.tickhub.server.stream;

import static io.tickhub.server.stream.StreamWarmUp.OVERALL;
import static io.tickhub.server.stream.StreamWarmUp.PATHS;
import static io.tickhub.server.stream.StreamWarmUp.PER_SESSION;

import io.tickhub.core.book.Book;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The second phase of {@link StreamWarmUp}: loopback sessions held open on ten live symbols each
 * for a few seconds, reading the hub's own feed, so the fan-out's write path (encode, offer, drain,
 * flush, a socket that stops being writable) is compiled before clients bring that load, with a few
 * sessions on {@code "*"} that stop reading ({@link StalledWarmUp}) for the paths of a client that
 * falls behind. Settings
 * {@code tickhub.stream.warm-up-held-sessions} and {@code warm-up-hold}; nothing to hold while the
 * book has no symbol.
 */
final class HeldWarmUp {

    /**
     * Sessions that lasted the hold and closed, messages they read, the first failure if any, and
     * what the stalled sessions ({@link StalledWarmUp}) did.
     */
    record Result(int completed, long messages, Throwable firstFailure, StalledWarmUp.Outcome stalled) {
    }

    private final int sessions;
    private final Duration hold;
    private final Book book;

    HeldWarmUp(int sessions, Duration hold, Book book) {
        this.sessions = sessions;
        this.hold = hold;
        this.book = book;
    }

    boolean enabled() {
        return sessions > 0 && hold.isPositive() && !book.symbols().isEmpty();
    }

    int sessions() {
        return sessions;
    }

    /**
     * Opens the held sessions together, each on ten consecutive symbols of the book in one of the two
     * formats, keeps them reading the live feed for the hold, then closes them.
     */
    Result hold(int listening, String authorization) {
        List<String> symbols = new ArrayList<>(book.symbols());
        AtomicInteger completed = new AtomicInteger();
        AtomicLong messages = new AtomicLong();
        CompletableFuture<Throwable> firstFailure = new CompletableFuture<>();
        List<WebSocket> opened = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("tickhub-warm-up-", 0).factory());
        // Not closed with try-with-resources: HttpClient.close() waits for every WebSocket to finish
        // its closing handshake, without a bound; the sessions are aborted and the client shut down.
        HttpClient http = HttpClient.newBuilder().executor(threads).connectTimeout(PER_SESSION).build();
        StalledWarmUp stalled = new StalledWarmUp(listening, authorization, hold).start();
        StalledWarmUp.Outcome stalledSessions = new StalledWarmUp.Outcome(0, 0);
        try {
            List<CompletableFuture<Void>> held = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                List<String> some = new ArrayList<>();
                for (int k = 0; k < 10; k++) {
                    some.add('"' + symbols.get((i * 10 + k) % symbols.size()) + '"');
                }
                URI uri = URI.create("ws://127.0.0.1:" + listening + PATHS.get(i % PATHS.size()));
                held.add(session(http, uri, authorization, String.join(",", some), messages, opened)
                        .whenComplete((ok, failure) -> {
                            if (failure == null) {
                                completed.incrementAndGet();
                            } else {
                                firstFailure.complete(failure);
                            }
                        })
                        .exceptionally(failure -> null));
            }
            CompletableFuture.allOf(held.toArray(CompletableFuture[]::new))
                    .get(hold.plus(OVERALL).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            firstFailure.complete(e);
        } finally {
            stalledSessions = stalled.finish();
            opened.stream().filter(socket -> !socket.isInputClosed()).forEach(WebSocket::abort);
            http.shutdownNow();
            threads.shutdownNow();
        }
        return new Result(completed.get(), messages.get(), firstFailure.getNow(null), stalledSessions);
    }

    /**
     * One held session: completes when it has been held for the hold and its close sent, or
     * exceptionally when it could not open or the hub closed it before (a refused subscribe, a
     * slow-consumer close): a session the hub ended early warmed less, and is not counted.
     */
    private CompletableFuture<Void> session(HttpClient http, URI uri, String authorization, String symbols,
                                            AtomicLong messages, List<WebSocket> opened) {
        CompletableFuture<Void> endedEarly = new CompletableFuture<>();
        Executor afterHold = CompletableFuture.delayedExecutor(hold.toMillis(), TimeUnit.MILLISECONDS);
        return WarmUpSocket.open(http, uri, authorization, PER_SESSION, messages::incrementAndGet, endedEarly)
                .thenCompose(socket -> {
                    opened.add(socket);
                    return socket.sendText(WarmUpSocket.subscribe(symbols), true)
                            .thenRunAsync(() -> { }, afterHold)
                            .applyToEither(endedEarly, ok -> ok)
                            .whenComplete((ok, failure) -> WarmUpSocket.end(socket, failure));
                })
                .thenApply(ok -> null);
    }
}
