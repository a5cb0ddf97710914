package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@code conflated:n} is exact: n is the number of updates of that symbol the client did not get
 * between the previous one it got and this one, i.e. the seq gap minus one as the client sees it,
 * whatever mix of slow-consumer conflation, maxRate, snapshots and {@code *} produced it.
 */
class ConflatedCountTest {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA");

    private static ClientMessage.Subscribe subscribe(List<String> symbols, boolean snapshot, Double maxRate) {
        return new ClientMessage.Subscribe(symbols, List.of(), snapshot, Map.of(), maxRate);
    }

    /** Every update the client got, checked against the seq it had before: n = gap - 1, never a seq twice. */
    private static void assertExact(Client client) {
        Map<String, Long> previous = new HashMap<>();
        for (String m : client.messages()) {
            if (!Frames.isPriceUpdate(m)) {
                continue;
            }
            String symbol = Frames.string(m, "symbol");
            long seq = Frames.seq(m);
            Long before = previous.put(symbol, seq);
            if (before == null) {
                continue;
            }
            assertThat(seq).as("%s after %d", symbol, before).isGreaterThan(before);
            if (Frames.raw(m, "conflated") != null) {
                assertThat(Frames.conflated(m)).as("conflated:n of %s seq %d after %d", symbol, seq, before)
                        .isEqualTo(seq - before - 1);
            }
        }
    }

    @Test
    void aSlowClientOnEverySymbolAndOnTheSymbolByNameIsToldTheGapNotTwiceIt() {
        Hub hub = new Hub();
        Client client = hub.connect();
        NativeSession session = hub.sessionAllowingWildcard(client);
        session.handle(subscribe(List.of("*", "AAPL"), false, null));
        hub.drain();
        client.sink().setWritable(false);

        hub.publish("AAPL", 1, 100); // each update offered twice: once for '*', once for the name
        client.sink().setWritable(true);
        client.connection().writable();
        hub.drain();

        List<Long> seqs = client.seqsOf("AAPL");
        assertThat(seqs.getLast()).isEqualTo(100);
        long last = Frames.conflated(client.updatesOf("AAPL").getLast());
        assertThat(last).isEqualTo(100 - seqs.get(seqs.size() - 2) - 1);
        assertExact(client);
    }

    @Test
    void anUpdateHeldBeforeAnUnsubscribeIsNotCountedAfterTheResubscribe() {
        Hub hub = new Hub();
        Client client = hub.connect();
        NativeSession session = hub.session(client, 10, 1000);
        session.handle(subscribe(List.of("AAPL", "MSFT"), false, null));
        hub.drain();
        client.sink().setWritable(false);
        hub.publish("MSFT", 1, 20);      // fills the queue: the client is conflated
        hub.publish("AAPL", 1, 50);      // AAPL 50 held, standing for 49
        session.handle(new ClientMessage.Unsubscribe(List.of("AAPL"), List.of()));
        session.handle(subscribe(List.of("AAPL"), true, null));
        hub.publish("AAPL", 51, 60);

        client.sink().setWritable(true);
        client.connection().writable();
        hub.drain();

        List<String> aapl = client.updatesOf("AAPL");
        assertThat(Frames.isSnapshot(aapl.getFirst())).isTrue();
        assertExact(client);
    }

    @Test
    void aThrottledSymbolAlsoOnEverySymbolCountsEachSkippedUpdateOnce() {
        Hub hub = new Hub();
        Client client = hub.connect();
        NativeSession session = hub.sessionAllowingWildcard(client);
        session.handle(subscribe(List.of("*", "AAPL"), false, 1.0));
        hub.drain();

        hub.publish("AAPL", 1, 40);
        hub.drain();
        hub.clock.advance(Duration.ofSeconds(1));
        client.connection().tick();
        hub.drain();

        assertThat(client.seqsOf("AAPL")).containsExactly(1L, 40L);
        assertThat(Frames.conflated(client.updatesOf("AAPL").getLast())).isEqualTo(38);
        assertExact(client);
    }

    /**
     * Any interleaving of publishing, a transport that stalls and resumes, maxRate, snapshots,
     * {@code *} and the passing of time: every {@code conflated:n} equals the gap the client sees.
     */
    @Property(tries = 200)
    void conflatedIsTheSeqGapMinusOneWhateverTheInterleaving(@ForAll long seed) {
        Random random = new Random(seed);
        Hub hub = new Hub();
        Client client = hub.connect();
        NativeSession session = hub.sessionAllowingWildcard(client);
        Map<String, Long> seqs = new HashMap<>();
        for (int step = 0; step < 120; step++) {
            switch (random.nextInt(8)) {
                case 0, 1, 2 -> {
                    String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
                    long from = seqs.getOrDefault(symbol, 0L) + 1;
                    long to = from + random.nextInt(12);
                    hub.publish(symbol, from, to);
                    seqs.put(symbol, to);
                }
                case 3 -> {
                    boolean writable = random.nextInt(3) > 0;
                    client.sink().setWritable(writable);
                    if (writable) {
                        client.connection().writable();
                    }
                }
                case 4 -> hub.drain();
                case 5 -> {
                    List<String> symbols = random.nextInt(4) == 0 ? List.of("*")
                            : List.of(SYMBOLS.get(random.nextInt(SYMBOLS.size())));
                    Double maxRate = random.nextBoolean() ? null : 1.0 + random.nextInt(4);
                    session.handle(subscribe(symbols, random.nextBoolean(), maxRate));
                }
                case 6 -> hub.clock.advance(Duration.ofMillis(100 + random.nextInt(900)));
                default -> client.connection().tick();
            }
            if (client.connection().isClosed()) {
                break; // stayed behind past the timeout: a 4008 is the rule, not a miscount
            }
        }
        client.sink().setWritable(true);
        client.connection().writable();
        hub.drain();
        assertExact(client);
    }
}
