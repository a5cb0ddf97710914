package io.tickhub.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.news.NewsItem;
import io.tickhub.core.quote.Instrument;
import io.tickhub.core.testing.ManualClock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HeadlineGeneratorTest {

    private final ManualClock clock = new ManualClock();
    private final List<Instrument> instruments = List.of(new Instrument("AAPL", "Apple Inc.", "USD", null),
            new Instrument("ITEM_01", "Item 01", null, null));

    @Test
    void headlinesAreAboutTheSimulatedSymbolsLabelledAsSimulatedAndPublishedNow() {
        NewsItem item = new HeadlineGenerator(instruments, 7L, clock).next();

        assertThat(item.symbols()).singleElement().isIn("AAPL", "ITEM_01");
        assertThat(item.headline()).containsAnyOf("Apple Inc.", "Item 01");
        assertThat(item.source()).isEqualTo(HeadlineGenerator.SOURCE);
        assertThat(item.url()).isNull();
        assertThat(item.published()).isEqualTo(clock.instant());
    }

    @Test
    void theSameSeedGivesTheSameHeadlinesAndIdsAreUnique() {
        HeadlineGenerator a = new HeadlineGenerator(instruments, 42L, clock);
        HeadlineGenerator b = new HeadlineGenerator(instruments, 42L, clock);

        List<String> first = IntStream.range(0, 20).mapToObj(i -> a.next().headline()).toList();
        List<String> second = IntStream.range(0, 20).mapToObj(i -> b.next().headline()).toList();
        Set<String> ids = new HashSet<>();
        IntStream.range(0, 100).forEach(i -> ids.add(a.next().id()));

        assertThat(first).isEqualTo(second);
        assertThat(ids).hasSize(100);
    }
}
