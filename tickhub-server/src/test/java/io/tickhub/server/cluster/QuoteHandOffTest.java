package io.tickhub.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.tickhub.core.quote.Quote;
import io.tickhub.server.jobs.Upstreams;
import io.tickhub.server.testing.HubProcess;
import io.tickhub.server.testing.QuotesTopic;
import io.tickhub.server.testing.KafkaBrokerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingest nodes, each a JVM of its own, and one polling job, which runs on one of them (the
 * holder of its lease): the quotes it polls of symbols the other node sequences are handed to that
 * node, so every polled observation is sequenced, once per seq, whichever node polled it; when the
 * other node is killed ({@code kill -9}) the poller's node takes its symbols, and what was handed
 * to the dead node but not sequenced by it.
 */
class QuoteHandOffTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final String TOPIC = "tickhub.quotes";
    private static final int PARTITIONS = 4;
    /** Observation n of a symbol is reported at this epoch second plus n: its number comes back from the topic. */
    private static final long FIRST_OBSERVATION = 1_750_000_000L;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path journals;
    private KafkaBrokerProcess kafka;
    private HttpServer yahoo;
    private final Map<String, AtomicLong> served = new ConcurrentHashMap<>();
    private HubProcess poller;
    private HubProcess other;

    @AfterEach
    void stop() {
        for (HubProcess hub : new HubProcess[] {poller, other}) {
            if (hub != null) {
                hub.close();
            }
        }
        if (yahoo != null) {
            yahoo.stop(0);
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Timeout(150)
    void everyPolledQuoteIsSequencedByItsSymbolsOwnerAndKeepsFlowingAfterTheOtherNodeIsKilled() {
        List<String> symbols = twoSymbolsPerPartition();
        kafka = KafkaBrokerProcess.start(START);
        yahoo = fakeYahoo();
        poller = ingest("ingest-poller");
        other = ingest("ingest-other");
        poller.awaitUp(START);
        other.awaitUp(START);
        await().atMost(Duration.ofSeconds(30)).until(() -> owned(poller) >= 1 && owned(other) >= 1
                && owned(poller) + owned(other) == PARTITIONS);

        // Each node has its own store: the job, and its lease, exist on the poller's node only.
        startJob(poller, symbols);
        await().atMost(Duration.ofSeconds(20)).until(() -> symbols.stream().allMatch(s -> observationsServed(s) >= 4)
                && poller.metric("tickhub_ingest_forwarded_total") > 0
                && other.metric("tickhub_ingest_forward_received_total") > 0);
        assertThat(other.metric("tickhub_quotes_accepted_total", "provider=\"yfinance\""))
                .as("the other node sequences the job's quotes of its symbols").isPositive();

        other.kill();
        Instant killed = Instant.now();
        await().atMost(Duration.ofSeconds(30)).until(() -> owned(poller) == PARTITIONS);
        Map<String, Long> atTakeOver = symbols.stream().collect(Collectors.toMap(s -> s, this::observationsServed));
        await().atMost(Duration.ofSeconds(15)).until(() -> symbols.stream().allMatch(s -> observationsServed(s) >= atTakeOver.get(s) + 3));

        assertThat(poller.metric("tickhub_quotes_rejected_total", "reason=\"not_owner\""))
                .as("no quote refused for want of an owner: each was handed to one").isZero();
        Map<String, List<Quote>> bySymbol = await().atMost(Duration.ofSeconds(15))
                .until(this::topicBySymbol, topic -> symbols.stream().allMatch(s -> topic.containsKey(s)
                        && topic.get(s).getLast().hubTime().isAfter(killed)
                        && observationNumbers(topic.get(s)).last() >= atTakeOver.get(s) + 2));
        assertThat(bySymbol.keySet()).as("only the job's symbols are on the topic").containsExactlyInAnyOrderElementsOf(symbols);
        symbols.forEach(symbol -> {
            List<Quote> quotes = bySymbol.get(symbol);
            assertThat(quotes).extracting(Quote::seq).as("%s: seqs 1..n in topic order, none issued twice", symbol)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, quotes.size()).boxed().toList());
            TreeSet<Long> numbers = observationNumbers(quotes);
            assertThat(numbers).as("%s: every observation polled up to the newest sequenced is on the topic", symbol)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, numbers.last()).boxed().toList());
        });
    }

    private HubProcess ingest(String name) {
        return HubProcess.start(name, List.of("--tickhub.roles=ingest", "--tickhub.bus.type=kafka",
                "--tickhub.bus.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--tickhub.bus.kafka.partitions=" + PARTITIONS,
                "--tickhub.bus.kafka.ingest-session-timeout=6s",
                "--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
                "--tickhub.journal.dir=" + journals.resolve(name),
                "--tickhub.jobs.node-id=" + name, "--tickhub.jobs.lease=3s",
                "--tickhub.simulator.enabled=false",
                "--tickhub.providers.yahoo.base-url=http://127.0.0.1:" + yahoo.getAddress().getPort(),
                "--tickhub.providers.yahoo.timeout=5s",
                "--tickhub.providers.yahoo.budget-permits=100000",
                "--tickhub.providers.finnhub.stream-enabled=false"));
    }

    /** Yahoo's chart answer, a new observation of the symbol at each request: observation n at FIRST_OBSERVATION + n. */
    private HttpServer fakeYahoo() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext(Upstreams.yahooPath(""), exchange -> {
                String symbol = exchange.getRequestURI().getPath().substring(Upstreams.yahooPath("").length());
                long n = served.computeIfAbsent(symbol, s -> new AtomicLong()).incrementAndGet();
                byte[] body = Upstreams.yahooChart(symbol, 100 + n, FIRST_OBSERVATION + n).body()
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long observationsServed(String symbol) {
        AtomicLong n = served.get(symbol);
        return n == null ? 0 : n.get();
    }

    private static void startJob(HubProcess hub, List<String> symbols) {
        String body = "{\"symbols\":[%s],\"interval\":1,\"provider\":\"yfinance\"}"
                .formatted(symbols.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port()
                            + "/prices/poll")).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Two symbols in each partition of the quotes topic, so both nodes sequence some of the job's. */
    private static List<String> twoSymbolsPerPartition() {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                String symbol = "HO" + a + b;
                byPartition.computeIfAbsent(BuiltInPartitioner.partitionForKey(symbol.getBytes(StandardCharsets.UTF_8),
                        PARTITIONS), p -> new ArrayList<>()).add(symbol);
            }
        }
        assertThat(byPartition).hasSize(PARTITIONS);
        return byPartition.values().stream().flatMap(list -> list.subList(0, 2).stream()).sorted().toList();
    }

    private static TreeSet<Long> observationNumbers(List<Quote> quotes) {
        return quotes.stream().map(q -> q.providerTime().getEpochSecond() - FIRST_OBSERVATION)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static double owned(HubProcess hub) {
        return hub.metric("tickhub_ingest_partitions_owned");
    }

    private Map<String, List<Quote>> topicBySymbol() {
        return QuotesTopic.bySymbol(kafka.bootstrapServers(), TOPIC, PARTITIONS);
    }
}
