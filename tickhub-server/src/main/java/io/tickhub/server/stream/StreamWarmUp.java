package io.tickhub.server.stream;

import io.tickhub.core.book.Book;
import io.tickhub.server.security.SecurityProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Opens {@code connections} loopback WebSocket sessions through the whole stream path (upgrade,
 * access and admission checks, subscribe, snapshot, close) once the server listens and before the
 * hub declares itself ready ({@code /actuator/health/readiness}: Spring Boot flips readiness after
 * the application runners). Why: a cold JVM runs that path interpreted while its JIT compiles it,
 * on the same core; measured on one pinned core, 1,000 clients arriving together took 4-10 s to
 * connect to a cold hub and about 1 s to a warm one. A gateway that restarts behind a load balancer
 * meets exactly that herd, so it warms before it is sent traffic. Failures are logged and never stop
 * the hub: a warm-up is an optimisation.
 *
 * <p>Then {@link HeldWarmUp} sessions stay subscribed to ten live symbols each for a few seconds. The herd
 * compiles the handshake; the fan-out's write path (encode, offer, drain, flush, a socket that stops
 * being writable) is compiled only under a feed and clients that read it, and a fresh hub whose first
 * clients brought that load compiled it on the core they needed: at 75,000 updates/s to 1,000
 * clients on one core its first 20 s saturated on p99 (324-754 ms) in every run. With 100 sessions
 * held 5 s, 5 of 6 runs were ok (p99 59-81 ms; docs/performance.md, sixth sitting).
 */
public final class StreamWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StreamWarmUp.class);
    private static final int IN_FLIGHT = 32;
    static final Duration PER_SESSION = Duration.ofSeconds(5);
    static final Duration OVERALL = Duration.ofSeconds(30);
    /** The formats clients use most, in turn: the native one and the compact batched one. */
    static final List<String> PATHS = List.of("/ws", "/ws?format=compact&batch=1");

    private final int connections;
    private final HeldWarmUp held;
    private final Book book;
    private final SecurityProperties security;
    private final PortSource port;

    /** Where the server listens, known only once it has started. */
    @FunctionalInterface
    public interface PortSource {
        Integer port();
    }

    public StreamWarmUp(int connections, HeldWarmUp held, Book book, SecurityProperties security, PortSource port) {
        this.connections = connections;
        this.held = held;
        this.book = book;
        this.security = security;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) {
        Integer listening = port.port();
        if (connections == 0 || listening == null || listening <= 0) {
            return;
        }
        String authorization = null;
        if (security.mode() == SecurityProperties.Mode.REQUIRED) {
            if (security.adminKey() == null) {
                log.info("Stream warm-up skipped: tickhub.security.mode=required and no bootstrap admin key to warm up with");
                return;
            }
            authorization = "Bearer " + security.adminKey();
        }
        try {
            warmUp(listening, authorization);
        } catch (RuntimeException e) {
            // An optimisation that failed (descriptors short, a client that could not be built): the hub starts cold.
            log.warn("Stream warm-up stopped: {}", e.toString());
        }
    }

    private void warmUp(int listening, String authorization) {
        long started = System.nanoTime();
        Result result = warm(listening, authorization);
        log.info("Stream path warmed up: {} of {} loopback sessions in {} ms (tickhub.stream.warm-up-connections)",
                result.completed(), connections, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        report(result, connections);
        if (held.enabled()) {
            started = System.nanoTime();
            HeldWarmUp.Result kept = held.hold(listening, authorization);
            log.info("Fan-out path warmed up: {} of {} sessions held {} ms on live symbols, {} messages received, "
                            + "{} of {} sessions on * stalled, {} caught up through conflation "
                            + "(tickhub.stream.warm-up-held-sessions, warm-up-hold)",
                    kept.completed(), held.sessions(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    kept.messages(), kept.stalled().stalled(), StalledWarmUp.SESSIONS, kept.stalled().caughtUp());
            report(new Result(kept.completed(), kept.firstFailure()), held.sessions());
        }
    }

    private static void report(Result result, int sessions) {
        if (result.firstFailure() != null) {
            // Some sessions timing out on a busy machine costs only warmth; none getting through
            // means something refuses loopback streams, which an operator should hear about.
            if (result.completed() == 0) {
                log.warn("Stream warm-up: no session got through, e.g. {}", result.firstFailure().toString());
            } else {
                log.info("Stream warm-up: {} sessions did not finish, e.g. {}", sessions - result.completed(),
                        result.firstFailure().toString());
            }
        }
    }

    record Result(int completed, Throwable firstFailure) {
    }

    Result warm(int listening, String authorization) {
        List<String> symbols = new ArrayList<>(book.symbols());
        if (symbols.isEmpty()) {
            symbols.add("AAPL");
        }
        AtomicInteger completed = new AtomicInteger();
        CompletableFuture<Throwable> firstFailure = new CompletableFuture<>();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        ExecutorService threads = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("tickhub-warm-up-", 0).factory());
        long deadline = System.nanoTime() + OVERALL.toNanos();
        try (HttpClient http = HttpClient.newBuilder().executor(threads).connectTimeout(PER_SESSION).build()) {
            for (int i = 0; i < connections && System.nanoTime() < deadline; i++) {
                if (!inFlight.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    break;
                }
                String symbol = symbols.get(i % symbols.size());
                URI uri = URI.create("ws://127.0.0.1:" + listening + PATHS.get(i % PATHS.size()));
                session(http, uri, authorization, symbol).whenComplete((ok, failure) -> {
                    if (failure == null) {
                        completed.incrementAndGet();
                    } else {
                        firstFailure.complete(failure);
                    }
                    inFlight.release();
                });
            }
            inFlight.tryAcquire(IN_FLIGHT, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.shutdownNow();
        }
        return new Result(completed.get(), firstFailure.getNow(null));
    }

    /** One session: open, subscribe, wait for the snapshot (or any answer past the greeting), close. */
    private static CompletableFuture<Void> session(HttpClient http, URI uri, String authorization, String symbol) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        AtomicInteger messages = new AtomicInteger();
        return WarmUpSocket.open(http, uri, authorization, PER_SESSION, () -> {
                    if (messages.incrementAndGet() >= 2) {
                        answered.complete(null);
                    }
                }, answered)
                .thenCompose(socket -> socket.sendText(WarmUpSocket.subscribe('"' + symbol + '"'), true)
                        .thenCompose(sent -> answered)
                        .orTimeout(PER_SESSION.toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete((ok, failure) -> WarmUpSocket.end(socket, failure)))
                .thenApply(ok -> null);
    }
}
