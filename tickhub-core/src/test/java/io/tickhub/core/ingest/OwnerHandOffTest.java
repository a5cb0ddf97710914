package io.tickhub.core.ingest;

import static io.tickhub.core.testing.QuoteFixtures.PROVIDER_TIME;
import static io.tickhub.core.testing.QuoteFixtures.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.bus.InProcessBus;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.testing.CountingIngestMetrics;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.RecordingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnerHandOffTest {

    /** AAPL and AMZN in partition 0, the rest in 1. */
    private final SymbolOwnership ownership = new SymbolOwnership(symbol -> symbol.startsWith("A") ? 0 : 1);
    private final InProcessBus bus = new InProcessBus();
    private final RecordingListener published = new RecordingListener();
    private final CountingIngestMetrics metrics = new CountingIngestMetrics();
    private final List<String> handedOff = new ArrayList<>();
    private boolean handOffTakes = true;
    private final Sequencer sequencer = new Sequencer(new ManualClock(), bus, metrics, ownership, QuoteJournal.NONE,
            e -> { }, (symbol, quote) -> {
                if (handOffTakes) {
                    handedOff.add(symbol + "/" + quote.symbol() + "@" + quote.price());
                }
                return handOffTakes;
            });

    OwnerHandOffTest() {
        bus.subscribe(published);
    }

    @Test
    void aQuoteOfASymbolAnotherNodeOwnsIsHandedOffWithItsNormalisedSymbolNotRefused() {
        ownership.take(sequencer, List.of(0), Map.of());

        sequencer.accept(raw("aapl", 100));
        sequencer.accept(raw("msft", 400));

        assertThat(published.quotes()).extracting(q -> q.symbol()).containsExactly("AAPL");
        assertThat(handedOff).containsExactly("MSFT/msft@400.0");
        assertThat(metrics.rejected(RejectReason.NOT_OWNER)).isZero();
        assertThat(sequencer.lastSeq("MSFT")).as("a handed-off quote takes no seq here").isZero();
    }

    @Test
    void aQuoteWaitingInTheRingWhenItsSymbolIsReleasedIsHandedOffNotLost() {
        ownership.take(sequencer, List.of(0), Map.of());
        sequencer.accept(raw("AAPL", 100, PROVIDER_TIME));
        ownership.release(List.of(0)); // what the ring carries between two quotes of AAPL

        sequencer.accept(raw("AAPL", 101, PROVIDER_TIME.plusSeconds(1)));

        assertThat(published.seqsOf("AAPL")).containsExactly(1L);
        assertThat(handedOff).containsExactly("AAPL/AAPL@101.0");
    }

    @Test
    void invalidAndStandbyQuotesAreRefusedBeforeAnyHandOff() {
        FeedGate standbyForYahoo = (symbol, provider) -> !provider.equals("yahoo");
        Sequencer composed = new Sequencer(new ManualClock(), bus, metrics, standbyForYahoo.then(ownership),
                QuoteJournal.NONE, e -> { }, (symbol, quote) -> handedOff.add(symbol));

        composed.accept(raw("MSFT", -1));
        composed.accept(raw("MS FT", 400));
        composed.accept(new RawQuote("MSFT", 400, null, null, 1, "yahoo", PROVIDER_TIME));

        assertThat(handedOff).isEmpty();
        assertThat(metrics.rejected(RejectReason.STANDBY)).isEqualTo(1);
    }

    @Test
    void aQuoteTheHandOffCannotTakeIsCountedAsNotOwner() {
        handOffTakes = false;

        sequencer.accept(raw("MSFT", 400));

        assertThat(published.quotes()).isEmpty();
        assertThat(metrics.rejected(RejectReason.NOT_OWNER)).isEqualTo(1);
    }
}
