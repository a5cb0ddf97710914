package io.tickhub.core.fanout;

import static io.tickhub.core.testing.QuoteFixtures.HUB_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.book.Book;
import io.tickhub.core.quote.Quote;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSE resume: one symbol's seq places the client in every symbol's stream by hub time. */
class LastEventIdTest {

    private final Book book = new Book(100);
    private long micros;

    /** Applies quotes in hub order: each one microsecond after the previous, as the sequencer stamps them. */
    private void accept(String symbol, long seq) {
        book.apply(new Quote(symbol, 100, null, null, 1, "test", HUB_TIME, HUB_TIME.plusNanos(++micros * 1000), seq));
    }

    @Test
    void parsesSymbolColonSeqNormalisingTheSymbol() {
        assertThat(LastEventId.parse("aapl:42")).contains(new LastEventId("AAPL", 42));
        assertThat(LastEventId.parse("BRK.B:7")).contains(new LastEventId("BRK.B", 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AAPL", "AAPL:", ":5", "AAPL:x", "AAPL:-1", "bad sym:3"})
    void anythingElseIsIgnored(String id) {
        assertThat(LastEventId.parse(id)).isEmpty();
    }

    @Test
    void everySymbolResumesAfterWhatItHadAcceptedWhenTheNamedUpdateWas() {
        accept("AAPL", 1);
        accept("MSFT", 1);
        accept("AAPL", 2); // the client's last event
        accept("MSFT", 2);
        accept("TSLA", 1);

        Map<String, Long> points = new LastEventId("AAPL", 2).resumePoints(book, List.of("AAPL", "MSFT", "TSLA", "NVDA"));

        assertThat(points).containsExactly(Map.entry("AAPL", 2L), Map.entry("MSFT", 1L), Map.entry("TSLA", 0L),
                Map.entry("NVDA", 0L));
    }

    @Test
    void whenTheNamedUpdateIsNoLongerHeldTheOthersResumeFromTheStart() {
        accept("MSFT", 1);
        accept("MSFT", 2);

        assertThat(new LastEventId("AAPL", 9).resumePoints(book, List.of("AAPL", "MSFT")))
                .containsExactly(Map.entry("AAPL", 9L), Map.entry("MSFT", 0L));
    }
}
