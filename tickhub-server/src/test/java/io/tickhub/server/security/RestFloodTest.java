package io.tickhub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import io.tickhub.core.access.Scope;
import io.tickhub.server.http.limits.LimitRefusals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One key floods the REST API from 127.0.0.1, a client without a credential floods from 127.0.0.3
 * and one trying made-up keys from 127.0.0.4, while another key's client on 127.0.0.2 reads at its
 * own pace. The limits must hold (what each flood got accepted is within its bucket: the burst plus
 * the rate times the time the flood lasted, on the hub's real clock), every refusal is a 429 counted
 * in {@code tickhub_limits_refused_total}, and the quiet client gets every answer, 200, with its
 * latency before and during the flood printed. Its own hub on the system clock (the buckets refill
 * in real time here); everything on 127.0.0.0/8.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickhub.simulator.enabled=false",
        "tickhub.security.limits.key.requests-per-second=50",
        "tickhub.security.limits.address.requests-per-second=40"})
@DirtiesContext
@Timeout(120)
class RestFloodTest {

    private static final Duration BASELINE = Duration.ofSeconds(3);
    private static final Duration FLOOD = Duration.ofSeconds(6);
    private static final int CONCURRENCY = 16;

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyStore keys;
    @Autowired
    MeterRegistry meters;

    /** What one flood sent and got. */
    record Flood(String name, long sent, Map<Integer, Long> statuses, long nanos) {
        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        double seconds() {
            return nanos / 1e9;
        }
    }

    @Test
    void aFloodingKeyAndAddressStayWithinTheirBucketsWhileAnotherKeyKeepsItsLatency() {
        String flooder = keys.create("flooder", Set.of(Scope.READ), ApiKey.LimitOverrides.NONE).token();
        String quiet = keys.create("quiet", Set.of(Scope.READ),
                new ApiKey.LimitOverrides(null, null, 1_000_000, null, null)).token();
        double keyRefusalsBefore = refused(RestLimits.REQUESTS_PER_KEY);
        double addressRefusalsBefore = refused(RestLimits.REQUESTS_PER_ADDRESS);
        double credentialRefusalsBefore = refused(RestLimits.REFUSED_CREDENTIALS_PER_ADDRESS);

        try (LoopbackHttp quietClient = new LoopbackHttp("127.0.0.2", port, 1);
             LoopbackHttp keyFlood = new LoopbackHttp("127.0.0.1", port, CONCURRENCY);
             LoopbackHttp anonymousFlood = new LoopbackHttp("127.0.0.3", port, CONCURRENCY);
             LoopbackHttp guessFlood = new LoopbackHttp("127.0.0.4", port, CONCURRENCY)) {
            Map<String, String> quietKey = Map.of("Authorization", "Bearer " + quiet);
            // Warm up (JIT, connections), then the quiet client alone.
            readFor(quietClient, quietKey, Duration.ofSeconds(1));
            List<Long> before = readFor(quietClient, quietKey, BASELINE);

            AtomicLong guesses = new AtomicLong();
            var running = Mono.zip(
                    flood("key", keyFlood, () -> Map.of("Authorization", "Bearer " + flooder)),
                    flood("no credential", anonymousFlood, Map::of),
                    flood("made-up keys", guessFlood, () -> Map.of("X-API-Key",
                            "thk_%012d_%s".formatted(guesses.incrementAndGet(), "x".repeat(43)).replace('0', 'b'))))
                    .subscribeOn(Schedulers.boundedElastic()).toFuture();
            List<Long> during = readFor(quietClient, quietKey, FLOOD);
            var results = running.join();
            Flood key = results.getT1();
            Flood anonymous = results.getT2();
            Flood madeUp = results.getT3();

            long p50Before = percentile(before, 50);
            long p99Before = percentile(before, 99);
            long p50During = percentile(during, 50);
            long p99During = percentile(during, 99);
            System.out.printf(Locale.ROOT, "RestFloodTest quiet client 127.0.0.2: before %d requests p50 %.2f ms p99 %.2f ms;"
                            + " during %d requests p50 %.2f ms p99 %.2f ms; ratio p50 %.1f p99 %.1f%n",
                    before.size(), p50Before / 1e6, p99Before / 1e6, during.size(), p50During / 1e6, p99During / 1e6,
                    (double) p50During / p50Before, (double) p99During / p99Before);
            for (Flood flood : List.of(key, anonymous, madeUp)) {
                System.out.printf(Locale.ROOT, "RestFloodTest flood %s: %d sent in %.2f s (%.0f/s), statuses %s%n",
                        flood.name(), flood.sent(), flood.seconds(), flood.sent() / flood.seconds(), flood.statuses());
            }

            // The floods were floods, and only their buckets' worth got through.
            assertWithinBucket(key, 200, 100, 50);
            assertWithinBucket(anonymous, 200, 80, 40);
            assertWithinBucket(madeUp, 401, 80, 40);
            assertThat(refused(RestLimits.REQUESTS_PER_KEY) - keyRefusalsBefore).isEqualTo(key.count(429));
            assertThat(refused(RestLimits.REQUESTS_PER_ADDRESS) - addressRefusalsBefore).isEqualTo(anonymous.count(429));
            assertThat(refused(RestLimits.REFUSED_CREDENTIALS_PER_ADDRESS) - credentialRefusalsBefore)
                    .isEqualTo(madeUp.count(429));

            // The quiet key got every answer, all 200, in a sane time (figures above; no tight bound
            // on a shared 2-core machine).
            assertThat(during).hasSizeGreaterThan(10);
            assertThat(p99During).isLessThan(Duration.ofSeconds(5).toNanos());
        }
    }

    private void assertWithinBucket(Flood flood, int acceptedStatus, long capacity, long perSecond) {
        long accepted = flood.count(acceptedStatus);
        assertThat(flood.statuses().keySet()).as(flood.name()).containsOnly(acceptedStatus, 429);
        assertThat(flood.sent()).as(flood.name() + ": a flood").isGreaterThan(2 * capacity);
        assertThat(accepted).as(flood.name() + ": the burst at least").isGreaterThanOrEqualTo(capacity);
        assertThat(accepted).as(flood.name() + ": the burst plus the rate over the flood, no more")
                .isLessThanOrEqualTo(capacity + (long) Math.ceil(perSecond * flood.seconds()) + 1);
    }

    /** Sequential GETs for {@code duration}; each answer must be 200. Returns the latencies in ns. */
    private static List<Long> readFor(LoopbackHttp client, Map<String, String> headers, Duration duration) {
        List<Long> latencies = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            LoopbackHttp.Answer answer = client.get("/api/v1/quotes", headers);
            latencies.add(System.nanoTime() - start);
            assertThat(answer.status()).as("quiet client: %s", answer.body()).isEqualTo(200);
        }
        return latencies;
    }

    private static Mono<Flood> flood(String name, LoopbackHttp client, java.util.function.Supplier<Map<String, String>> headers) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            long end = start + FLOOD.toNanos();
            AtomicLong sent = new AtomicLong();
            return Flux.<Integer>generate(sink -> sink.next(0))
                    .takeWhile(i -> System.nanoTime() < end)
                    .flatMap(i -> {
                        sent.incrementAndGet();
                        return client.send(HttpMethod.GET, "/api/v1/quotes", headers.get())
                                .map(LoopbackHttp.Answer::status).onErrorReturn(-1);
                    }, CONCURRENCY)
                    .collect(TreeMap<Integer, Long>::new, (counts, status) -> counts.merge(status, 1L, Long::sum))
                    .map(counts -> new Flood(name, sent.get(), counts, System.nanoTime() - start));
        });
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    private double refused(String limit) {
        var counter = meters.find(LimitRefusals.METER).tag("limit", limit).counter();
        return counter == null ? 0 : counter.count();
    }
}
