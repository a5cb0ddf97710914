package io.tickhub.core.ingest;

import static io.tickhub.core.testing.QuoteFixtures.PROVIDER_TIME;
import static io.tickhub.core.testing.QuoteFixtures.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.bus.InProcessBus;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.testing.CountingIngestMetrics;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.RecordingListener;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymbolOwnershipTest {

    /** AAPL and AMZN in partition 0, the rest in 1. */
    private final SymbolOwnership ownership = new SymbolOwnership(symbol -> symbol.startsWith("A") ? 0 : 1);
    private final ManualClock clock = new ManualClock();
    private final InProcessBus bus = new InProcessBus();
    private final RecordingListener published = new RecordingListener();
    private final CountingIngestMetrics metrics = new CountingIngestMetrics();
    private final Sequencer sequencer = new Sequencer(clock, bus, metrics, ownership);

    SymbolOwnershipTest() {
        bus.subscribe(published);
    }

    @Test
    void aNodeThatOwnsNothingYetSequencesNothingAndCountsEachQuoteAsNotOwner() {
        sequencer.accept(raw("AAPL", 100));
        sequencer.accept(raw("MSFT", 400));

        assertThat(published.quotes()).isEmpty();
        assertThat(metrics.rejected(RejectReason.NOT_OWNER)).isEqualTo(2);
        assertThat(sequencer.lastSeq("AAPL")).as("a refused quote takes no seq").isZero();
    }

    @Test
    void onlyTheSymbolsOfTakenPartitionsAreSequenced() {
        ownership.take(sequencer, List.of(0), Map.of());

        sequencer.accept(raw("AAPL", 100));
        sequencer.accept(raw("MSFT", 400));
        sequencer.accept(raw("AMZN", 200));

        assertThat(published.quotes()).extracting(q -> q.symbol()).containsExactly("AAPL", "AMZN");
        assertThat(metrics.rejected(RejectReason.NOT_OWNER)).isEqualTo(1);
        assertThat(ownership.owns("AMZN")).isTrue();
        assertThat(ownership.owns("MSFT")).isFalse();
    }

    @Test
    void aTakenSymbolContinuesAfterTheLastSeqItsPreviousOwnerPublished() {
        ownership.take(sequencer, List.of(1), Map.of("MSFT", 41L));

        sequencer.accept(raw("MSFT", 400));

        assertThat(published.seqsOf("MSFT")).containsExactly(42L);
    }

    @Test
    void aTakeNeverMovesASymbolsNumberingBack() {
        ownership.take(sequencer, List.of(1), Map.of());
        sequencer.accept(raw("MSFT", 400, PROVIDER_TIME));
        sequencer.accept(raw("MSFT", 401, PROVIDER_TIME.plusSeconds(1)));
        ownership.release(List.of(1));

        ownership.take(sequencer, List.of(1), Map.of("MSFT", 1L));
        sequencer.accept(raw("MSFT", 402, PROVIDER_TIME.plusSeconds(2)));

        assertThat(published.seqsOf("MSFT")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void afterAReleaseTheSymbolsQuotesAreRefused() {
        ownership.take(sequencer, List.of(0, 1), Map.of());
        sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));

        ownership.release(List.of(0));
        sequencer.accept(raw("AAPL", 101, PROVIDER_TIME.plusSeconds(1)));
        sequencer.accept(raw("MSFT", 400, PROVIDER_TIME.plusSeconds(1)));

        assertThat(published.quotes()).extracting(q -> q.symbol() + "#" + q.seq()).containsExactly("AAPL#1", "MSFT#1");
        assertThat(metrics.rejected(RejectReason.NOT_OWNER)).isEqualTo(1);
    }

    @Test
    void composedWithFailoverTheFirstRefusalIsCounted() {
        FeedGate standbyForYahoo = (symbol, provider) -> !provider.equals("yahoo");
        FeedGate gate = standbyForYahoo.then(ownership);
        Sequencer composed = new Sequencer(clock, bus, metrics, gate);
        ownership.take(composed, List.of(0), Map.of());

        composed.accept(new RawQuote("AAPL", 100, null, null, 1, "yahoo", PROVIDER_TIME));
        composed.accept(new RawQuote("MSFT", 400, null, null, 1, "finnhub", PROVIDER_TIME));
        composed.accept(new RawQuote("AAPL", 101, null, null, 1, "finnhub", PROVIDER_TIME));

        assertThat(metrics.rejected(RejectReason.STANDBY)).isEqualTo(1);
        assertThat(metrics.rejected(RejectReason.NOT_OWNER)).isEqualTo(1);
        assertThat(published.quotes()).extracting(q -> q.symbol() + "/" + q.provider()).containsExactly("AAPL/finnhub");
    }
}
