package io.tickhub.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickhub.core.failover.FailoverPolicy;
import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.provider.ProviderKind;
import io.tickhub.core.provider.ProviderRegistry;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.store.MemoryStore;
import io.tickhub.core.store.StoreException;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.ScriptedProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingJobsTest {

    private final ManualClock clock = new ManualClock();
    private final MemoryStore store = new MemoryStore();
    private final ProviderStatusBoard board = new ProviderStatusBoard(clock);
    private final ProviderRegistry registry = new ProviderRegistry(board);
    private final ScriptedProvider yahoo = new ScriptedProvider("yfinance", clock);
    private final List<RawQuote> quotes = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Poller poller;
    private final PollingJobs jobs;

    PollingJobsTest() {
        registry.register(yahoo);
        registry.disable("alpha_vantage", ProviderKind.POLLING, "no API key (set ALPHA_VANTAGE_API_KEY)");
        registry.registerSource("simulator");
        FeedBoard feeds = new FeedBoard(new FailoverPolicy(List.of(), Map.of(), 3), clock, s -> { });
        poller = new Poller(registry, quotes::add, p -> { }, board, feeds, RequestBudgets.NONE,
                new Poller.Settings(Duration.ofMinutes(5), Duration.ofMinutes(1)), clock, Runnable::run);
        jobs = new PollingJobs(store, registry, poller, clock, () -> "poll_%08x".formatted(ids.incrementAndGet()),
                new PollingJobs.Limits("yfinance", 3, 2));
    }

    @Test
    void anAcceptedJobIsStoredThenPolled() {
        yahoo.price("AAPL", 190.0);

        PollingJob job = jobs.create(List.of("aapl"), 5, "yfinance");
        poller.tick();

        assertThat(job.id()).isEqualTo("poll_00000001");
        assertThat(job.symbols()).containsExactly("AAPL");
        assertThat(job.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(store.jobs()).containsExactly(job);
        assertThat(quotes).extracting(RawQuote::price).containsExactly(190.0);
    }

    @Test
    void aJobWithoutProviderGetsTheDefaultAndRepeatedSymbolsOnce() {
        PollingJob job = jobs.create(List.of("AAPL", "aapl", "MSFT"), 5, null);

        assertThat(job.provider()).isEqualTo("yfinance");
        assertThat(job.symbols()).containsExactly("AAPL", "MSFT");
    }

    @Test
    void invalidRequestsAreRefusedBeforeAnythingIsStored() {
        assertRejected(List.of(), 5, "yfinance", "symbols", "at least one symbol");
        assertRejected(null, 5, "yfinance", "symbols", "at least one symbol");
        assertRejected(List.of("AA PL"), 5, "yfinance", "symbols", "not a valid symbol");
        assertRejected(List.of("A", "B", "C", "D"), 5, "yfinance", "symbols", "at most 3");
        assertRejected(List.of("AAPL"), 0, "yfinance", "interval", "at least 1 second");
        assertRejected(List.of("AAPL"), 86_401, "yfinance", "interval", "at most 86400");
        assertRejected(List.of("AAPL"), 5, "bloomberg", "provider", "unknown provider bloomberg; known: yfinance");
        assertRejected(List.of("AAPL"), 5, "alpha_vantage", "provider", "disabled: no API key");
        assertRejected(List.of("AAPL"), 5, "simulator", "provider", "cannot be polled");

        assertThat(store.jobs()).isEmpty();
        assertThat(ids.get()).isZero();
    }

    @Test
    void theHubRefusesJobsBeyondItsMaximum() {
        jobs.create(List.of("AAPL"), 5, null);
        jobs.create(List.of("MSFT"), 5, null);

        assertRejected(List.of("TSLA"), 5, "yfinance", "symbols", "maximum of 2 jobs");
    }

    @Test
    void aJobTheStoreCouldNotKeepIsNotStarted() {
        store.down(true);

        assertThatThrownBy(() -> jobs.create(List.of("AAPL"), 5, "yfinance")).isInstanceOf(StoreException.class);

        assertThat(poller.status("poll_00000001")).isEmpty();
        poller.tick();
        assertThat(yahoo.calls()).isEmpty();
    }

    @Test
    void storedJobsResumeAndWaitingOnesSayWhy() {
        store.saveJob(new PollingJob("poll_aaaaaaaa", List.of("AAPL"), Duration.ofSeconds(5), "yfinance",
                clock.instant()));
        store.saveJob(new PollingJob("poll_bbbbbbbb", List.of("IBM"), Duration.ofSeconds(5), "alpha_vantage",
                clock.instant()));
        yahoo.price("AAPL", 190.0);

        assertThat(jobs.resume()).isEqualTo(2);
        poller.tick();

        assertThat(quotes).hasSize(1);
        assertThat(jobs.get("poll_aaaaaaaa").orElseThrow().state()).isEqualTo(JobStatus.State.POLLING);
        JobStatus waiting = jobs.get("poll_bbbbbbbb").orElseThrow();
        assertThat(waiting.state()).isEqualTo(JobStatus.State.WAITING);
        assertThat(waiting.reason()).contains("alpha_vantage is disabled");
    }

    @Test
    void aDeletedJobIsForgottenAndNoLongerPolled() {
        yahoo.price("AAPL", 190.0);
        PollingJob job = jobs.create(List.of("AAPL"), 1, null);
        poller.tick();

        assertThat(jobs.delete(job.id())).isTrue();
        assertThat(jobs.delete(job.id())).isFalse();
        clock.advance(Duration.ofSeconds(5));
        poller.tick();

        assertThat(yahoo.callsFor("AAPL")).isEqualTo(1);
        assertThat(jobs.list()).isEmpty();
        assertThat(jobs.get(job.id())).isEmpty();
    }

    private void assertRejected(List<String> symbols, long interval, String provider, String field, String message) {
        assertThatThrownBy(() -> jobs.create(symbols, interval, provider))
                .isInstanceOfSatisfying(JobRejectedException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
