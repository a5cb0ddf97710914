package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The subscribe path never makes a client that reads everything look slow: the markers of one
 * message (snapshots, resumes, maxRates, forgets, current bars) take one slot of the queue, so
 * however many symbols a message names within the limit, the queue cannot overflow into a 4008.
 * The hub's default queue (1,024 messages before conflation, 2,048 slots) and limit (1,000).
 */
class SubscribeFloodTest {

    private static final int SYMBOLS = 1000;

    private final Hub hub = new Hub(100, new StreamSettings(1024, Duration.ofSeconds(10), Duration.ofSeconds(15), 1000));
    private final Client client = hub.connect();
    private final NativeSession session = hub.session(client, SYMBOLS, 1000);
    private final List<String> symbols = IntStream.range(0, SYMBOLS).mapToObj(i -> "S" + i).toList();

    private static ClientMessage.Subscribe subscribe(List<String> symbols, List<String> channels, Double maxRate) {
        return new ClientMessage.Subscribe(symbols, channels, true, Map.of(), maxRate);
    }

    @Test
    void fiveSubscribeAndUnsubscribeMessagesOfAThousandSymbolsInOneReadDoNotCloseAReadingClient() {
        symbols.forEach(s -> hub.publish(s, 1, 1)); // every symbol has a snapshot to send

        for (int round = 0; round < 5; round++) {
            // All in one turn of the event loop, as when the client's frames arrive in one read.
            session.handle(subscribe(symbols, List.of("quotes"), round % 2 == 0 ? 5.0 : null));
            session.handle(new ClientMessage.Unsubscribe(symbols, List.of()));
        }
        session.handle(subscribe(symbols, List.of("quotes"), null));
        hub.drain();

        assertThat(client.sink().closeCode()).as("closed as slow while reading everything").isNull();
        assertThat(hub.metrics.slowConsumersClosed()).isZero();
        assertThat(client.ofType("subscription")).hasSize(11);
        assertThat(client.connection().symbols()).hasSize(SYMBOLS);
    }

    @Test
    void aThousandBarSnapshotsTakeOneSlotOfTheQueueToo() {
        symbols.forEach(s -> hub.publish(s, 1, 1));

        for (int round = 0; round < 5; round++) {
            session.handle(subscribe(symbols, List.of("bars.1m"), null));
            session.handle(new ClientMessage.Unsubscribe(symbols, List.of("bars.1m")));
        }
        hub.drain();

        assertThat(client.sink().closeCode()).isNull();
        assertThat(client.ofType("bar")).hasSize(5 * SYMBOLS);
    }

    @Test
    void snapshotStillComesBeforeEveryDeltaAndNoSeqTwiceWhenUpdatesRaceTheFlood() {
        symbols.forEach(s -> hub.publish(s, 1, 1));

        for (int round = 0; round < 3; round++) {
            session.handle(subscribe(symbols, List.of("quotes"), null));
            for (int i = 0; i < SYMBOLS; i += 97) {
                hub.publish(symbols.get(i), 2L + round * 2, 3L + round * 2); // queued behind the markers
            }
            session.handle(new ClientMessage.Unsubscribe(symbols, List.of()));
        }
        session.handle(subscribe(symbols, List.of("quotes"), null));
        for (int i = 0; i < SYMBOLS; i += 97) {
            hub.publish(symbols.get(i), 8, 9);
        }
        hub.drain();

        assertThat(client.sink().closeCode()).isNull();
        List<String> messages = client.messages();
        int lastSubscribe = lastIndexOfSubscribed(messages);
        // After the last subscribe: per symbol a snapshot first, then only newer seqs, none twice.
        Map<String, Long> lastSeq = new HashMap<>();
        for (String m : messages.subList(lastSnapshotStart(messages, lastSubscribe), messages.size())) {
            if (!Frames.isPriceUpdate(m)) {
                continue;
            }
            String symbol = Frames.string(m, "symbol");
            Long previous = lastSeq.get(symbol);
            if (previous == null) {
                assertThat(Frames.isSnapshot(m)).as("first update of %s after the subscribe", symbol).isTrue();
            } else {
                assertThat(Frames.seq(m)).as("%s after %d", symbol, previous).isGreaterThan(previous);
            }
            lastSeq.put(symbol, Frames.seq(m));
        }
        assertThat(lastSeq).hasSize(SYMBOLS);
        assertThat(lastSeq.get("S0")).isEqualTo(9);
    }

    /** Index of the first message the last subscribe's markers produced: just after the unsubscribed reply before it. */
    private static int lastSnapshotStart(List<String> messages, int lastSubscribedReply) {
        for (int i = lastSubscribedReply - 1; i >= 0; i--) {
            if ("unsubscribed".equals(Frames.string(messages.get(i), "status"))) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int lastIndexOfSubscribed(List<String> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("subscribed".equals(Frames.string(messages.get(i), "status"))) {
                return i;
            }
        }
        throw new AssertionError("no subscribed reply");
    }
}
