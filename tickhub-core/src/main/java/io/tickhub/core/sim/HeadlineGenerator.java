package io.tickhub.core.sim;

import io.tickhub.core.news.NewsItem;
import io.tickhub.core.quote.Instrument;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Synthetic headlines about the simulated symbols, so news streams have something to carry
 * before a real news provider is configured. Seeded: the same seed gives the same headlines.
 * Clearly labelled: the source is {@value #SOURCE} and there is no URL.
 */
public final class HeadlineGenerator {

    public static final String SOURCE = "Tickhub simulator";

    private static final List<String> TEMPLATES = List.of(
            "%s shares rise as analysts raise price targets",
            "%s slips after a cautious outlook for next quarter",
            "%s announces a share buyback programme",
            "%s beats earnings estimates on strong demand",
            "%s misses revenue expectations; guidance unchanged",
            "%s names a new chief financial officer",
            "%s expands into new markets, shares edge higher",
            "Regulators open an inquiry into %s",
            "%s unveils a new product line at its annual event",
            "Options traders bet on a big move in %s");

    private final List<Instrument> instruments;
    private final SplittableRandom random;
    private final Clock clock;
    private final String runId;
    private long count;

    /** @param seed null for a different sequence every run */
    public HeadlineGenerator(List<Instrument> instruments, Long seed, Clock clock) {
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("headlines need at least one symbol");
        }
        this.instruments = List.copyOf(instruments);
        this.random = seed == null ? new SplittableRandom() : new SplittableRandom(seed);
        this.clock = clock;
        // Ids stay unique across restarts (a store keeps old items) without coordination.
        this.runId = Long.toString(clock.millis(), 36) + Integer.toString(new Random().nextInt(1296), 36);
    }

    /** The next headline, about one of the symbols, published now. Not thread-safe: one caller. */
    public NewsItem next() {
        Instrument about = instruments.get(random.nextInt(instruments.size()));
        String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
        String headline = String.format(template, about.name());
        String summary = "Simulated news about " + about.symbol() + " for testing and demos; not real market news.";
        return new NewsItem("sim-" + runId + "-" + (++count), List.of(about.symbol()), headline, summary, SOURCE,
                null, clock.instant());
    }
}
