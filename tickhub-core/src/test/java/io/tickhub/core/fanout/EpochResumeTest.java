package io.tickhub.core.fanout;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import io.tickhub.core.store.MemoryStore;
import io.tickhub.core.store.StoreBatch;
import io.tickhub.core.testing.ManualExecutor;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A resume carries the stream epoch its seqs belong to. Seqs of another epoch may name other
 * updates here, so such a resume is answered {@code complete:false} with a snapshot, never replayed.
 */
class EpochResumeTest {

    /** The ring keeps the last 8 updates per symbol; the store keeps everything. */
    private final Hub hub = new Hub(8, Hub.SMALL);
    private final MemoryStore store = new MemoryStore();
    private final ManualExecutor storeReads = new ManualExecutor();
    private final Client client = hub.connect();
    private final NativeSession session = new NativeSession(client.connection(), hub.fanOut, hub.news, hub.bars,
            hub.clock, new SessionLimits(10, 1000, false), new StoredResume(hub.book, store, storeReads, 100));

    private void publish(String symbol, long from, long to) {
        hub.publish(symbol, from, to);
        store.write(StoreBatch.ofQuotes(LongStream.rangeClosed(from, to).mapToObj(seq -> quote(symbol, seq)).toList()));
        hub.drain();
    }

    private void resume(Map<String, Long> resume, String epoch) {
        session.handle(new ClientMessage.Subscribe(List.copyOf(resume.keySet()), List.of(), true, resume, null, epoch));
        hub.drain();
        storeReads.runAll();
        hub.drain();
    }

    @Test
    void aResumeFromAnotherEpochSaysIncompleteAndSendsASnapshotInsteadOfTheReplay() {
        publish("AAPL", 1, 10);

        resume(Map.of("AAPL", 5L), Hub.OTHER_EPOCH.id());
        publish("AAPL", 11, 11);

        assertThat(client.ofType("recovered")).containsExactly(
                "{\"type\":\"recovered\",\"symbol\":\"AAPL\",\"from\":6,\"to\":10,\"complete\":false,\"epoch\":\"00000000000000e1\"}");
        assertThat(client.seqsOf("AAPL")).containsExactly(10L, 11L);
        assertThat(Frames.isSnapshot(client.updatesOf("AAPL").getFirst())).isTrue();
    }

    @Test
    void aResumeFromAnotherEpochOlderThanTheRingReadsNothingFromTheStore() {
        publish("AAPL", 1, 30);

        resume(Map.of("AAPL", 5L), Hub.OTHER_EPOCH.id());

        assertThat(storeReads.executed()).isZero();
        assertThat(client.ofType("recovered").getFirst()).contains("\"complete\":false");
        assertThat(client.seqsOf("AAPL")).containsExactly(30L);
    }

    @Test
    void aResumeWithinTheEpochReplaysExactlyFromTheRingAndTheStore() {
        publish("AAPL", 1, 30);
        publish("MSFT", 1, 5);

        resume(Map.of("AAPL", 5L, "MSFT", 2L), Hub.EPOCH.id());
        publish("AAPL", 31, 31);

        assertThat(client.ofType("recovered")).allMatch(r -> r.contains("\"complete\":true")).hasSize(2);
        assertThat(client.seqsOf("AAPL")).containsExactlyElementsOf(LongStream.rangeClosed(6, 31).boxed().toList());
        assertThat(client.seqsOf("MSFT")).containsExactly(3L, 4L, 5L);
        assertThat(client.messages()).noneMatch(Frames::isSnapshot);
    }

    @Test
    void aResumeWithoutAnEpochIsTakenToBeOfThisOneAsBeforeEpochsExisted() {
        publish("AAPL", 1, 10);

        resume(Map.of("AAPL", 5L), null);

        assertThat(client.ofType("recovered").getFirst()).contains("\"complete\":true");
        assertThat(client.seqsOf("AAPL")).containsExactly(6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void aPositionNotKnownSaysIncompleteFromZeroWithASnapshotAndReadsNothing() {
        publish("AAPL", 1, 30);

        resume(Map.of("AAPL", ClientMessage.Subscribe.POSITION_UNKNOWN), null);

        assertThat(storeReads.executed()).isZero();
        assertThat(client.ofType("recovered")).containsExactly(
                "{\"type\":\"recovered\",\"symbol\":\"AAPL\",\"from\":0,\"to\":30,\"complete\":false,\"epoch\":\"00000000000000e1\"}");
        assertThat(client.seqsOf("AAPL")).containsExactly(30L);
    }

    @Test
    void anEpochWithoutAResumeChangesNothing() {
        publish("AAPL", 1, 10);

        session.handle(new ClientMessage.Subscribe(List.of("AAPL"), List.of(), true, Map.of(), null, Hub.OTHER_EPOCH.id()));
        hub.drain();

        assertThat(client.ofType("recovered")).isEmpty();
        assertThat(client.seqsOf("AAPL")).containsExactly(10L);
    }
}
