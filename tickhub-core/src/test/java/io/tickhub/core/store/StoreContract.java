package io.tickhub.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.jobs.PollingJob;
import io.tickhub.core.jobs.SymbolPollStatus;
import io.tickhub.core.jobs.JobStatus;
import io.tickhub.core.jobs.JobReport;
import io.tickhub.core.news.NewsItem;
import io.tickhub.core.quote.Quote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do, on H2 and PostgreSQL alike. An adapter's test extends this
 * class and returns an empty store from {@link #newStore()}.
 *
 * <p>The contract, as decided here:
 * <ol>
 *   <li>A row reads back equal to the one written: every field, {@code null} bid and ask
 *       included, instants at microsecond precision.</li>
 *   <li>Writes are idempotent: writing a batch again changes nothing, so the writer may retry a
 *       batch whose commit it did not see acknowledged.</li>
 *   <li>A bar, an average and a job are keyed (symbol, interval, start), (symbol, window) and id;
 *       writing one again replaces it. Price points, news and raw payloads are never replaced.</li>
 *   <li>Ranges are half-open {@code [from, to)}; pages are in key order and continue strictly after
 *       the cursor, so paging never repeats or skips a row.</li>
 * </ol>
 */
public abstract class StoreContract {

    protected static final Instant T0 = Instant.parse("2025-01-02T14:30:00.000001Z");

    protected Store store;

    protected abstract Store newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    protected static Quote quote(String symbol, long seq, double price, String provider) {
        Instant hub = T0.plusSeconds(seq).plusNanos(seq * 1_000);
        return new Quote(symbol, price, price - 0.01, price + 0.01, seq * 10.0, provider,
                hub.minusMillis(250), hub, seq);
    }

    protected static Quote quote(String symbol, long seq) {
        return quote(symbol, seq, 100 + seq / 8.0, "simulator");
    }

    private static List<Quote> quotes(String symbol, int count) {
        List<Quote> quotes = new ArrayList<>();
        for (long seq = 1; seq <= count; seq++) {
            quotes.add(quote(symbol, seq));
        }
        return quotes;
    }

    private static Bar bar(String symbol, BarInterval interval, Instant start, double close, boolean closed) {
        return new Bar(symbol, interval, start, 10, Math.max(12, close), Math.min(9, close), close, 1500.5, 7, closed);
    }

    // --- price points --------------------------------------------------------------------------

    @Test
    void aPricePointReadsBackExactlyAsWrittenIncludingMissingBidAndAsk() {
        Quote full = quote("AAPL", 1);
        Quote bare = new Quote("AAPL", 187.123456789, null, null, 0, "yfinance",
                Instant.parse("2025-01-02T14:30:01.123456Z"), Instant.parse("2025-01-02T14:30:01.999999Z"), 2);
        store.write(StoreBatch.ofQuotes(List.of(full, bare)));

        assertThat(store.newest("AAPL", 10)).containsExactly(full, bare);
    }

    @Test
    void writingTheSameBatchAgainStoresEachRowOnce() {
        StoreBatch batch = new StoreBatch(quotes("MSFT", 3),
                List.of(bar("MSFT", BarInterval.M1, T0, 11, true)),
                List.of(new SymbolAverage("MSFT", 5, 101.5, T0, 3)),
                List.of(new NewsItem("n1", List.of("MSFT"), "Headline", null, "Wire", null, T0)),
                List.of(new RawPayload("raw-1", "yfinance", "MSFT", T0, "application/json", "{\"x\":1}")));
        store.write(batch);
        store.write(batch);

        assertThat(store.newest("MSFT", 10)).hasSize(3);
        assertThat(store.newestBars("MSFT", BarInterval.M1, 10)).hasSize(1);
        assertThat(store.news(null, 10)).hasSize(1);
        assertThat(store.rawPayload("raw-1")).isPresent();
    }

    @Test
    void aBatchPartlyStoredBeforeIsCompletedWithoutDuplicates() {
        List<Quote> all = quotes("NVDA", 6);
        store.write(StoreBatch.ofQuotes(all.subList(0, 3)));
        store.write(StoreBatch.ofQuotes(all));

        assertThat(store.newest("NVDA", 10)).containsExactlyElementsOf(all);
    }

    @Test
    void historyIsInSeqOrderWithinAHalfOpenHubTimeRange() {
        List<Quote> all = quotes("AAPL", 10);
        store.write(StoreBatch.ofQuotes(all));
        store.write(StoreBatch.ofQuotes(quotes("MSFT", 10)));

        List<Quote> page = store.history("AAPL", all.get(2).hubTime(), all.get(7).hubTime(), 0, 100);

        assertThat(page).extracting(Quote::seq).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(page).allMatch(q -> q.symbol().equals("AAPL"));
    }

    @Test
    void historyPagesContinueStrictlyAfterTheCursorWithoutRepeatsOrGaps() {
        store.write(StoreBatch.ofQuotes(quotes("AAPL", 25)));
        List<Long> seen = new ArrayList<>();
        long cursor = 0;
        while (true) {
            List<Quote> page = store.history("AAPL", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), cursor, 10);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(q -> seen.add(q.seq()));
            cursor = page.getLast().seq();
        }
        assertThat(seen).hasSize(25).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aSeqRangeIsTheOpenIntervalOfSeqsInOrderUpToTheLimit() {
        store.write(StoreBatch.ofQuotes(quotes("AAPL", 30)));
        store.write(StoreBatch.ofQuotes(quotes("MSFT", 30)));

        assertThat(store.seqRange("AAPL", 10, 16, 100)).extracting(Quote::seq).containsExactly(11L, 12L, 13L, 14L, 15L);
        assertThat(store.seqRange("AAPL", 10, 16, 100)).allMatch(q -> q.symbol().equals("AAPL"));
        assertThat(store.seqRange("AAPL", 0, 100, 3)).extracting(Quote::seq).containsExactly(1L, 2L, 3L);
        assertThat(store.seqRange("AAPL", 10, 11, 100)).isEmpty();
        assertThat(store.seqRange("NVDA", 0, 100, 100)).isEmpty();
    }

    @Test
    void lastSeqAtOrBeforeAHubTimeIsExactToTheMicrosecondAndOnlyLooksAboveTheFloor() {
        List<Quote> all = quotes("AAPL", 30);
        store.write(StoreBatch.ofQuotes(all));
        store.write(StoreBatch.ofQuotes(quotes("MSFT", 30)));
        Instant twelfth = all.get(11).hubTime();

        assertThat(store.lastSeqAtOrBefore("AAPL", twelfth, 0)).hasValue(12);
        assertThat(store.lastSeqAtOrBefore("AAPL", twelfth.minusNanos(1_000), 0)).as("a microsecond before").hasValue(11);
        assertThat(store.lastSeqAtOrBefore("AAPL", twelfth.plusNanos(1_000), 0)).hasValue(12);
        assertThat(store.lastSeqAtOrBefore("AAPL", twelfth, 11)).hasValue(12);
        assertThat(store.lastSeqAtOrBefore("AAPL", twelfth, 12)).as("nothing above the floor is that old").isEmpty();
        assertThat(store.lastSeqAtOrBefore("AAPL", all.getFirst().hubTime().minusSeconds(1), 0)).isEmpty();
        assertThat(store.lastSeqAtOrBefore("AAPL", Instant.parse("2100-01-01T00:00:00Z"), 0)).hasValue(30);
        assertThat(store.lastSeqAtOrBefore("NVDA", twelfth, 0)).isEmpty();
    }

    @Test
    void newestReturnsTheLastCountOldestFirst() {
        store.write(StoreBatch.ofQuotes(quotes("AAPL", 10)));

        assertThat(store.newest("AAPL", 3)).extracting(Quote::seq).containsExactly(8L, 9L, 10L);
        assertThat(store.newest("ZZZ", 3)).isEmpty();
    }

    @Test
    void latestIsTheNewestOfAnyProviderOrOfTheOneNamed() {
        store.write(StoreBatch.ofQuotes(List.of(
                quote("AAPL", 1, 100, "yfinance"),
                quote("AAPL", 2, 101, "alpha_vantage"),
                quote("AAPL", 3, 102, "yfinance"),
                quote("AAPL", 4, 103, "alpha_vantage"))));

        assertThat(store.latest("AAPL", null)).hasValueSatisfying(q -> assertThat(q.seq()).isEqualTo(4));
        assertThat(store.latest("AAPL", "yfinance")).hasValueSatisfying(q -> assertThat(q.price()).isEqualTo(102));
        assertThat(store.latest("AAPL", "finnhub")).isEmpty();
        assertThat(store.latest("MSFT", null)).isEmpty();
    }

    @Test
    void lastSeqsNameEverySymbolsHighestSeq() {
        store.write(StoreBatch.ofQuotes(quotes("AAPL", 7)));
        store.write(StoreBatch.ofQuotes(quotes("MSFT", 3)));

        assertThat(store.lastSeqs()).isEqualTo(Map.of("AAPL", 7L, "MSFT", 3L));
        assertThat(store.lastSeq("AAPL")).isEqualTo(7);
        assertThat(store.lastSeq("ZZZ")).isZero();
    }

    @Test
    void aBatchRetriedAfterALaterOneNeverMovesTheLastSeqBack() {
        List<Quote> all = quotes("AAPL", 6);
        store.write(StoreBatch.ofQuotes(all.subList(3, 6)));
        store.write(StoreBatch.ofQuotes(all.subList(0, 3)));

        assertThat(store.lastSeq("AAPL")).isEqualTo(6);
    }

    // --- bars ----------------------------------------------------------------------------------

    @Test
    void barsReadBackInStartOrderWithinARangeAndAfterACursor() {
        Instant start = Instant.parse("2025-01-02T14:30:00Z");
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bars.add(bar("AAPL", BarInterval.M1, start.plusSeconds(60L * i), 10 + i, true));
        }
        store.write(new StoreBatch(List.of(), bars, List.of(), List.of(), List.of()));
        store.write(new StoreBatch(List.of(), List.of(bar("AAPL", BarInterval.M5, start, 1, true)), List.of(),
                List.of(), List.of()));

        assertThat(store.bars("AAPL", BarInterval.M1, start.plusSeconds(60), start.plusSeconds(300), null, 100))
                .containsExactlyElementsOf(bars.subList(1, 5));
        assertThat(store.bars("AAPL", BarInterval.M1, start, start.plusSeconds(3600), bars.get(3).start(), 2))
                .containsExactlyElementsOf(bars.subList(4, 6));
        assertThat(store.newestBars("AAPL", BarInterval.M1, 2)).containsExactlyElementsOf(bars.subList(4, 6));
    }

    @Test
    void aBarWrittenAgainReplacesTheCheckpointedOne() {
        Instant start = Instant.parse("2025-01-02T14:30:00Z");
        Bar open = bar("AAPL", BarInterval.H1, start, 11, false);
        Bar closed = bar("AAPL", BarInterval.H1, start, 15, true);
        store.write(new StoreBatch(List.of(), List.of(open), List.of(), List.of(), List.of()));
        store.write(new StoreBatch(List.of(), List.of(closed), List.of(), List.of(), List.of()));

        assertThat(store.newestBars("AAPL", BarInterval.H1, 5)).containsExactly(closed);
    }

    @Test
    void aBarKeepsTheLastSeqFoldedIntoItButNotWhetherItWasARevision() {
        Instant start = Instant.parse("2025-01-02T14:30:00Z");
        Bar revised = new Bar("AAPL", BarInterval.M1, start, 10, 12, 9, 11, 100, 4, true, 42, true);
        store.write(new StoreBatch(List.of(), List.of(revised), List.of(), List.of(), List.of()));

        assertThat(store.newestBars("AAPL", BarInterval.M1, 1)).containsExactly(
                new Bar("AAPL", BarInterval.M1, start, 10, 12, 9, 11, 100, 4, true, 42, false));
    }

    @Test
    void lastBarsAreEachSymbolsNewestBarAtEveryInterval() {
        Instant start = Instant.parse("2025-01-02T14:30:00Z");
        Bar aaplOld = bar("AAPL", BarInterval.M1, start, 1, true);
        Bar aaplNew = bar("AAPL", BarInterval.M1, start.plusSeconds(60), 2, false);
        Bar aaplDay = bar("AAPL", BarInterval.D1, Instant.parse("2025-01-02T05:00:00Z"), 3, false);
        Bar msft = bar("MSFT", BarInterval.M1, start, 4, true);
        store.write(new StoreBatch(List.of(quote("AAPL", 1), quote("MSFT", 1)), List.of(aaplOld, aaplNew, aaplDay, msft),
                List.of(), List.of(), List.of()));

        assertThat(store.lastBars()).containsExactlyInAnyOrder(aaplNew, aaplDay, msft);
    }

    // --- averages, news, raw payloads, jobs --------------------------------------------------------

    @Test
    void anAverageIsReplacedByTheNextComputationOfItsWindow() {
        store.write(new StoreBatch(List.of(), List.of(), List.of(
                new SymbolAverage("AAPL", 5, 100.5, T0, 5),
                new SymbolAverage("AAPL", 20, 99.0, T0, 20)), List.of(), List.of()));
        SymbolAverage next = new SymbolAverage("AAPL", 5, 101.25, T0.plusSeconds(1), 6);
        store.write(new StoreBatch(List.of(), List.of(), List.of(next), List.of(), List.of()));

        assertThat(store.average("AAPL", 5)).contains(next);
        assertThat(store.average("AAPL", 20)).hasValueSatisfying(a -> assertThat(a.value()).isEqualTo(99.0));
        assertThat(store.average("AAPL", 7)).isEmpty();
    }

    @Test
    void newsIsNewestFirstAndFiltersBySymbol() {
        NewsItem general = new NewsItem("g", List.of(), "Markets open", null, "Wire", null, T0);
        NewsItem both = new NewsItem("b", List.of("AAPL", "MSFT"), "Both", "A summary", "Reuters",
                "https://example.com/b", T0.plusSeconds(1));
        NewsItem msft = new NewsItem("m", List.of("MSFT"), "Only MSFT", null, "Wire", null, T0.plusSeconds(2));
        store.write(new StoreBatch(List.of(), List.of(), List.of(), List.of(general, both, msft), List.of()));

        assertThat(store.news(null, 10)).containsExactly(msft, both, general);
        assertThat(store.news("AAPL", 10)).containsExactly(both);
        assertThat(store.news("MSFT", 1)).containsExactly(msft);
    }

    @Test
    void aRawPayloadIsKeptVerbatim() {
        String body = "{\"chart\":{\"result\":[{\"meta\":{\"regularMarketPrice\":187.44}}]},\"é\":\"\\u00e9\"}";
        RawPayload payload = new RawPayload("yf-1", "yfinance", "AAPL", T0, "application/json", body);
        store.write(new StoreBatch(List.of(), List.of(), List.of(), List.of(), List.of(payload)));

        assertThat(store.rawPayload("yf-1")).contains(payload);
        assertThat(store.rawPayload("nope")).isEmpty();
    }

    @Test
    void jobsAreSavedReplacedListedAndDeleted() {
        PollingJob a = new PollingJob("poll_0000000a", List.of("AAPL", "MSFT"), Duration.ofSeconds(60), "yfinance", T0);
        PollingJob b = new PollingJob("poll_0000000b", List.of("NVDA"), Duration.ofSeconds(5), "alpha_vantage", T0);
        store.saveJob(a);
        store.saveJob(b);
        PollingJob a2 = new PollingJob(a.id(), List.of("AAPL"), Duration.ofSeconds(30), "finnhub", T0);
        store.saveJob(a2);

        assertThat(store.jobs()).containsExactlyInAnyOrder(a2, b);
        assertThat(store.deleteJob(b.id())).isTrue();
        assertThat(store.deleteJob(b.id())).isFalse();
        assertThat(store.jobs()).containsExactly(a2);
    }

    @Test
    void aJobLeaseIsHeldByOneNodeUntilItLapsesOrIsReleased() {
        PollingJob a = new PollingJob("poll_0000001a", List.of("AAPL"), Duration.ofSeconds(60), "yfinance", T0);
        PollingJob b = new PollingJob("poll_0000001b", List.of("MSFT"), Duration.ofSeconds(60), "yfinance", T0);
        store.saveJob(a);
        Instant lease = T0.plusSeconds(15);

        assertThat(store.claimJobs("ingest-1", T0, lease)).containsExactly(a.id());
        store.saveJob(b);
        assertThat(store.claimJobs("ingest-2", T0.plusSeconds(5), T0.plusSeconds(20)))
                .as("a is held; b is free").containsExactly(b.id());
        assertThat(store.claimJobs("ingest-1", T0.plusSeconds(10), T0.plusSeconds(25)))
                .as("renewal keeps a, b stays with ingest-2").containsExactly(a.id());
        store.saveJob(new PollingJob(a.id(), List.of("AAPL", "NVDA"), Duration.ofSeconds(30), "yfinance", T0));
        assertThat(store.claimJobs("ingest-2", T0.plusSeconds(26), T0.plusSeconds(41)))
                .as("ingest-1 stopped renewing: its lapsed lease moves, a replaced job keeps its lease")
                .containsExactly(a.id(), b.id());

        store.releaseJobs("ingest-2");
        assertThat(store.claimJobs("ingest-1", T0.plusSeconds(27), T0.plusSeconds(42))).containsExactly(a.id(), b.id());
        store.deleteJob(a.id());
        assertThat(store.claimJobs("ingest-1", T0.plusSeconds(28), T0.plusSeconds(43))).containsExactly(b.id());
    }

    @Test
    void aJobReportIsKeptForTheLeaseHolderOnlyAndGoesWithTheJob() {
        PollingJob a = new PollingJob("poll_0000002a", List.of("AAPL", "MSFT"), Duration.ofSeconds(60), "yfinance", T0);
        store.saveJob(a);
        store.claimJobs("ingest-1", T0, T0.plusSeconds(15));
        List<SymbolPollStatus> progress = List.of(
                new SymbolPollStatus("AAPL", 3, 2, 187.25, T0.plusSeconds(4), null, 0, T0.plusSeconds(64)),
                new SymbolPollStatus("MSFT", 2, 0, null, null, "HTTP 503 from upstream", 2, T0.plusSeconds(90)));
        JobReport report = new JobReport(a.id(), "ingest-1", T0.plusSeconds(5), JobStatus.State.POLLING, null, progress);

        store.reportJobs("ingest-1", List.of(report));
        store.reportJobs("ingest-2", List.of(new JobReport(a.id(), "ingest-2", T0.plusSeconds(6),
                JobStatus.State.WAITING, "not its lease", List.of())));

        assertThat(store.jobReports()).as("only the holder's report counts").containsExactly(Map.entry(a.id(), report));
        store.deleteJob(a.id());
        assertThat(store.jobReports()).isEmpty();
    }

    @Test
    void pingAnswersAndTheVendorIsNamed() {
        store.ping();
        assertThat(store.vendor()).isNotBlank();
    }
}
