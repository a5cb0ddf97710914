package io.tickhub.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/** A client wired to a {@link ManualScheduler}, a {@link FakeTransport} and an in-memory history. */
final class FakeHub {

    static final URI A = URI.create("http://hub-a:8080");
    static final URI B = URI.create("http://hub-b:8080");

    final ManualScheduler loop = new ManualScheduler();
    final FakeTransport transport = new FakeTransport();
    final List<StateChange> changes = new ArrayList<>();
    /** Stored quotes per symbol, as {@code GET /api/v1/history} serves them; its epoch. */
    final Map<String, List<Quote>> stored = new HashMap<>();
    String storedEpoch = "e1";
    int historyReads;

    ClientConfig.Builder config() {
        return ClientConfig.builder(A, B).clock(loop).scheduler(loop).worker(Runnable::run).transport(transport)
                .random(new SplittableRandom(7)).listener(changes::add)
                .backoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(60)))
                .historySource(this::history);
    }

    TickhubClient start(ClientConfig config) {
        TickhubClient client = TickhubClient.connect(config);
        loop.runReady();
        return client;
    }

    private CompletableFuture<HistoryPage> history(String symbol, long fromMillis, int limit, String cursor) {
        historyReads++;
        List<Quote> items = stored.getOrDefault(symbol, List.of()).stream()
                .filter(q -> fromMillis < 0 || q.ts() / 1000 >= fromMillis).toList();
        return CompletableFuture.completedFuture(new HistoryPage(symbol, storedEpoch, items, null));
    }

    void store(String symbol, long seq) {
        stored.computeIfAbsent(symbol, s -> new ArrayList<>()).add(new Quote(symbol, seq, ts(seq), 100 + seq, 1, seq, null,
                null, null, null, "sim", false, 0, 0, true, storedEpoch));
    }

    /** The hub accepts the connection attempt just made. */
    void accept(String epoch) {
        transport.last().hub(connection(epoch, ""));
        loop.runReady();
    }

    void send(String frame) {
        transport.last().hub(frame);
        loop.runReady();
    }

    static String connection(String epoch, String extra) {
        return "{\"type\":\"connection\",\"status\":\"connected\"" + extra + ",\"client_id\":\"c1\",\"epoch\":\"" + epoch
                + "\",\"heartbeat_ms\":15000}";
    }

    static long ts(long seq) {
        return 1_795_000_000_000_000L + seq * 1000;
    }

    static String quote(String symbol, long seq, String more) {
        return "{\"type\":\"price_update\",\"symbol\":\"" + symbol + "\",\"seq\":" + seq + ",\"ts\":" + ts(seq) + more
                + ",\"data\":{\"price\":" + (100 + seq) + ",\"volume\":1.0,\"timestamp\":" + seq + ",\"provider\":\"sim\"}}";
    }

    static String quote(String symbol, long seq) {
        return quote(symbol, seq, "");
    }

    /** Every event queued now. */
    static List<StreamEvent> drain(TickhubClient client) throws InterruptedException {
        List<StreamEvent> out = new ArrayList<>();
        for (StreamEvent e = client.poll(Duration.ZERO); e != null; e = client.poll(Duration.ZERO)) {
            out.add(e);
        }
        return out;
    }

    /** "AAPL:3" per quote, "lost AAPL 3..4 REASON" per loss, in order. */
    static List<String> describe(List<StreamEvent> events) {
        return events.stream().map(e -> switch (e) {
            case Quote q -> q.symbol() + ":" + q.seq() + (q.repaired() ? "r" : "");
            case Lost l -> "lost " + l.symbol() + " " + l.fromSeq() + ".." + l.toSeq() + " " + l.reason();
            case Stale s -> "stale " + s.symbol() + " " + s.stale();
            case HubError h -> "error " + h.code();
            case Bar b -> "bar " + b.symbol();
            case News n -> "news " + n.id();
        }).toList();
    }
}
