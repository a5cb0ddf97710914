package io.tickhub.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.quote.Quote;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Bars built from a stream of quotes equal a plain group-by over the same quotes, at every interval. */
class BarAggregatorPropertiesTest {

    private static final Instant T0 = Instant.parse("2026-03-06T13:00:00Z");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** A tick: milliseconds after the previous one (ordered stream), price and volume. */
    record Tick(long gapMillis, double price, double volume) {
    }

    @Provide
    Arbitrary<List<Tick>> ticks() {
        Arbitrary<Long> gaps = Arbitraries.oneOf(Arbitraries.longs().between(0, 1_500),
                Arbitraries.longs().between(0, 400_000), Arbitraries.longs().between(0, 30L * 3_600_000));
        Arbitrary<Double> prices = Arbitraries.doubles().between(0.01, 10_000).ofScale(2);
        Arbitrary<Double> volumes = Arbitraries.doubles().between(0, 1_000_000).ofScale(0);
        return Combinators.combine(gaps, prices, volumes).as(Tick::new).list().ofMinSize(1).ofMaxSize(300);
    }

    @Property(tries = 300)
    void barsEqualAGroupByOfTheQuotesByIntervalStart(@ForAll("ticks") List<Tick> ticks) {
        List<Bar> emitted = new ArrayList<>();
        BarAggregator aggregator = new BarAggregator(NEW_YORK);
        aggregator.subscribe(emitted::add);
        List<Quote> quotes = quotes(ticks);
        quotes.forEach(aggregator::onQuote);
        aggregator.closeDue(quotes.getLast().providerTime().plusSeconds(3 * 86_400));

        for (BarInterval interval : BarInterval.values()) {
            List<Bar> closed = emitted.stream().filter(b -> b.interval() == interval && b.closed()).toList();
            assertThat(closed).as(interval.code()).usingRecursiveFieldByFieldElementComparatorIgnoringFields()
                    .containsExactlyElementsOf(reference(quotes, interval));
        }
    }

    @Property(tries = 200)
    void everyEmittedOpenBarIsAPrefixOfItsFinalBar(@ForAll("ticks") List<Tick> ticks) {
        List<Bar> emitted = new ArrayList<>();
        BarAggregator aggregator = new BarAggregator(NEW_YORK);
        aggregator.subscribe(emitted::add);
        quotes(ticks).forEach(aggregator::onQuote);

        for (Bar bar : emitted) {
            assertThat(bar.high()).isGreaterThanOrEqualTo(Math.max(bar.open(), bar.close()));
            assertThat(bar.low()).isLessThanOrEqualTo(Math.min(bar.open(), bar.close()));
            assertThat(bar.count()).isPositive();
        }
    }

    private static List<Quote> quotes(List<Tick> ticks) {
        List<Quote> out = new ArrayList<>();
        Instant time = T0;
        long seq = 0;
        for (Tick tick : ticks) {
            time = time.plusMillis(tick.gapMillis());
            out.add(new Quote("AAPL", tick.price(), null, null, tick.volume(), "test", time, time, ++seq));
        }
        return out;
    }

    /** The plain definition: group by the interval's start, first/max/min/last/sum/count, in time order. */
    private static List<Bar> reference(List<Quote> quotes, BarInterval interval) {
        Map<Instant, List<Quote>> byStart = new LinkedHashMap<>();
        for (Quote q : quotes) {
            byStart.computeIfAbsent(interval.start(q.providerTime(), NEW_YORK), s -> new ArrayList<>()).add(q);
        }
        List<Bar> out = new ArrayList<>();
        byStart.forEach((start, group) -> out.add(new Bar("AAPL", interval, start, group.getFirst().price(),
                group.stream().mapToDouble(Quote::price).max().orElseThrow(),
                group.stream().mapToDouble(Quote::price).min().orElseThrow(), group.getLast().price(),
                group.stream().mapToDouble(Quote::volume).reduce(0, Double::sum), group.size(), true)));
        return out;
    }
}
