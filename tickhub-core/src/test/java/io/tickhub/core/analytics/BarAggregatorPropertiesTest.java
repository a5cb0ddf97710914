package io.tickhub.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bars built from a stream of quotes equal a plain group-by over the same quotes, at every
 * interval: first and last by seq, whatever the order of their times, once late ticks revise.
 */
class BarAggregatorPropertiesTest {

    private static final Instant T0 = Instant.parse("2026-03-06T13:00:00Z");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Revise, holding every closed bar: no tick is ever refused. */
    private static final BarSettings REVISE_ALL = new BarSettings(Duration.ofSeconds(5), BarSettings.LateTicks.REVISE,
            100_000);

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
        BarAggregator aggregator = new BarAggregator(NEW_YORK, REVISE_ALL, new ManualClock(T0));
        aggregator.subscribe(emitted::add);
        List<Quote> quotes = quotes(ticks);
        quotes.forEach(aggregator::onQuote);
        aggregator.closeDue(quotes.getLast().providerTime().plusSeconds(3 * 86_400));

        for (BarInterval interval : BarInterval.values()) {
            List<Bar> closed = emitted.stream().filter(b -> b.interval() == interval && b.closed()).toList();
            assertThat(closed).as(interval.code()).usingRecursiveFieldByFieldElementComparatorIgnoringFields()
                    .containsExactlyElementsOf(reference(quotes, interval));
        }
        assertThat(aggregator.lateCount()).isZero();
    }

    /**
     * Ticks out of time order, some far behind the event time: each bar's last version (a close or
     * a revision) is the group-by of every tick whose time falls in it, first and last by seq.
     */
    @Property(tries = 300)
    void withLateTicksRevisingTheLastVersionOfEveryBarEqualsTheGroupBy(@ForAll("ticks") List<Tick> ticks,
            @ForAll("delays") List<Long> delays) {
        List<Bar> emitted = new ArrayList<>();
        BarAggregator aggregator = new BarAggregator(NEW_YORK, REVISE_ALL, new ManualClock(T0));
        aggregator.subscribe(emitted::add);
        List<Quote> quotes = new ArrayList<>();
        List<Quote> ordered = quotes(ticks);
        for (int i = 0; i < ordered.size(); i++) {
            Quote q = ordered.get(i);
            long delay = delays.isEmpty() ? 0 : delays.get(i % delays.size());
            quotes.add(new Quote(q.symbol(), q.price(), null, null, q.volume(), "test",
                    q.providerTime().minusMillis(delay), q.hubTime(), q.seq()));
        }
        quotes.forEach(aggregator::onQuote);
        aggregator.closeDue(quotes.getLast().providerTime().plusSeconds(5 * 86_400));

        for (BarInterval interval : BarInterval.values()) {
            Map<Instant, Bar> last = new TreeMap<>();
            emitted.stream().filter(b -> b.interval() == interval).forEach(b -> last.put(b.start(), b));
            assertThat(last.values()).as(interval.code()).allMatch(Bar::closed)
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("revised")
                    .containsExactlyElementsOf(reference(quotes, interval));
        }
        assertThat(aggregator.refusedCount()).isZero();
    }

    /** How far behind its place in the stream a tick's time is: mostly not, sometimes within the lateness, sometimes hours. */
    @Provide
    Arbitrary<List<Long>> delays() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, 5_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 6L * 3_600_000))).list().ofMaxSize(50);
    }

    @Property(tries = 200)
    void everyEmittedOpenBarIsAPrefixOfItsFinalBar(@ForAll("ticks") List<Tick> ticks) {
        List<Bar> emitted = new ArrayList<>();
        BarAggregator aggregator = new BarAggregator(NEW_YORK, BarSettings.DEFAULTS, new ManualClock(T0));
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

    /** The plain definition: group by the interval's start, first/max/min/last/sum/count in seq order. */
    private static List<Bar> reference(List<Quote> quotes, BarInterval interval) {
        Map<Instant, List<Quote>> byStart = new TreeMap<>();
        for (Quote q : quotes) {
            byStart.computeIfAbsent(interval.start(q.providerTime(), NEW_YORK), s -> new ArrayList<>()).add(q);
        }
        List<Bar> out = new ArrayList<>();
        byStart.forEach((start, group) -> out.add(new Bar("AAPL", interval, start, group.getFirst().price(),
                group.stream().mapToDouble(Quote::price).max().orElseThrow(),
                group.stream().mapToDouble(Quote::price).min().orElseThrow(), group.getLast().price(),
                group.stream().mapToDouble(Quote::volume).reduce(0, Double::sum), group.size(), true,
                group.getLast().seq(), false)));
        return out;
    }
}
