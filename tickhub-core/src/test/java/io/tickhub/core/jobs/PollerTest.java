package io.tickhub.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickhub.core.failover.FailoverPolicy;
import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.provider.ProviderException.Kind;
import io.tickhub.core.provider.ProviderKind;
import io.tickhub.core.provider.ProviderRegistry;
import io.tickhub.core.provider.ProviderState;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.provider.StreamingProvider;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.store.RawPayload;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.ScriptedProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PollerTest {

    private final ManualClock clock = new ManualClock();
    private final ProviderStatusBoard board = new ProviderStatusBoard(clock);
    private final ProviderRegistry registry = new ProviderRegistry(board);
    private final ScriptedProvider yahoo = new ScriptedProvider("yfinance", clock);
    private final List<RawQuote> quotes = new CopyOnWriteArrayList<>();
    private final List<RawPayload> payloads = new CopyOnWriteArrayList<>();
    private final FeedBoard feeds = new FeedBoard(new FailoverPolicy(List.of(), Map.of(), 3), clock, s -> { });
    private RequestBudgets budgets = RequestBudgets.NONE;
    private Poller poller;

    PollerTest() {
        registry.register(yahoo);
    }

    private Poller poller() {
        if (poller == null) {
            poller = new Poller(registry, quotes::add, payloads::add, board, feeds, budgets,
                    new Poller.Settings(Duration.ofMinutes(5), Duration.ofSeconds(60)), clock, Runnable::run);
        }
        return poller;
    }

    private PollingJob job(String id, Duration interval, String provider, String... symbols) {
        return new PollingJob(id, List.of(symbols), interval, provider, clock.instant());
    }

    @Test
    void everySymbolIsPolledAtOnceAndItsQuoteArrivesLinkedToItsPayload() {
        yahoo.price("AAPL", 190.5).price("MSFT", 410.0);

        poller().add(job("poll_1", Duration.ofSeconds(10), "yfinance", "AAPL", "MSFT"));
        poller().tick();

        assertThat(quotes).extracting(RawQuote::symbol, RawQuote::price)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AAPL", 190.5),
                        org.assertj.core.groups.Tuple.tuple("MSFT", 410.0));
        assertThat(payloads).extracting(RawPayload::id).containsExactlyElementsOf(
                quotes.stream().map(RawQuote::rawId).toList());
        assertThat(board.get("yfinance").orElseThrow().state()).isEqualTo(ProviderState.UP);
    }

    @Test
    void aSymbolIsPolledAgainOnlyOnceItsIntervalHasPassed() {
        yahoo.price("AAPL", 1).price("AAPL", 2).price("AAPL", 3);
        poller().add(job("poll_1", Duration.ofSeconds(10), "yfinance", "AAPL"));

        poller().tick();
        clock.advance(Duration.ofSeconds(9));
        poller().tick();
        assertThat(yahoo.callsFor("AAPL")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        poller().tick();
        assertThat(yahoo.callsFor("AAPL")).isEqualTo(2);
    }

    @Test
    void anUnchangedObservationsPayloadIsNotStoredAgainAndItsQuoteNamesTheStoredOne() {
        Instant observed = Instant.parse("2025-01-02T14:29:00Z");
        yahoo.price("AAPL", 190.5, observed).price("AAPL", 190.5, observed).price("AAPL", 191.0, observed);
        poller().add(job("poll_1", Duration.ofSeconds(1), "yfinance", "AAPL"));

        for (int i = 0; i < 3; i++) {
            poller().tick();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(payloads).extracting(RawPayload::id).containsExactly("yfinance-1", "yfinance-3");
        // The repeat still reaches ingest (whose sequencer drops repeats of what it accepted), naming payload 1.
        assertThat(quotes).extracting(RawQuote::price, RawQuote::rawId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(190.5, "yfinance-1"),
                org.assertj.core.groups.Tuple.tuple(190.5, "yfinance-1"),
                org.assertj.core.groups.Tuple.tuple(191.0, "yfinance-3"));
        SymbolPollStatus status = poller().status("poll_1").orElseThrow().symbols().get(0);
        assertThat(status.polls()).isEqualTo(3);
        assertThat(status.changes()).isEqualTo(2);
    }

    @Test
    void aFailingSymbolBacksOffWithoutHoldingUpTheOthers() {
        yahoo.price("AAPL", 190.5).fail("BAD", Kind.UNAVAILABLE, "HTTP 503 from /v8/finance/chart/BAD");
        poller().add(job("poll_1", Duration.ofSeconds(10), "yfinance", "AAPL", "BAD"));

        poller().tick();
        SymbolPollStatus bad = symbol("poll_1", "BAD");
        assertThat(bad.failures()).isEqualTo(1);
        assertThat(bad.lastError()).contains("HTTP 503");
        clock.advance(Duration.ofSeconds(10));
        poller().tick();

        assertThat(yahoo.callsFor("AAPL")).isEqualTo(2);
        assertThat(board.get("yfinance").orElseThrow().lastError()).isNotNull();
    }

    @Test
    void backoffGrowsWithEachFailureWithinItsJitterAndResetsOnSuccess() {
        yahoo.fail("AAPL", Kind.UNAVAILABLE, "timeout");
        poller().add(job("poll_1", Duration.ofSeconds(10), "yfinance", "AAPL"));
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            poller().tick();
            Instant next = symbol("poll_1", "AAPL").nextPoll();
            waits.add(Duration.between(clock.instant(), next));
            clock.advance(Duration.between(clock.instant(), next));
        }

        // nominal 10, 20, 40, 80 s, each drawn from +-50 %
        for (int i = 0; i < 4; i++) {
            long nominal = 10_000L << i;
            assertThat(waits.get(i).toMillis()).isBetween(nominal / 2, nominal * 3 / 2);
        }

        yahoo.price("AAPL", 190.0);
        poller().tick();
        assertThat(symbol("poll_1", "AAPL").failures()).isZero();
        assertThat(symbol("poll_1", "AAPL").nextPoll()).isEqualTo(clock.instant().plusSeconds(10));
    }

    @Test
    void backoffIsCappedAtItsMaximum() {
        yahoo.fail("AAPL", Kind.UNAVAILABLE, "timeout");
        poller().add(job("poll_1", Duration.ofSeconds(30), "yfinance", "AAPL"));
        for (int i = 0; i < 8; i++) {
            poller().tick();
            clock.advance(Duration.between(clock.instant(), symbol("poll_1", "AAPL").nextPoll()));
        }
        poller().tick();

        assertThat(Duration.between(clock.instant(), symbol("poll_1", "AAPL").nextPoll()))
                .isLessThanOrEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRateLimitedProviderRestsForRetryAfterAcrossAllItsSymbols() {
        yahoo.fail("AAPL", new ProviderException(Kind.RATE_LIMITED, "HTTP 429", Duration.ofSeconds(120), null))
                .price("AAPL", 190.0).price("MSFT", 410.0);
        poller().add(job("poll_1", Duration.ofSeconds(10), "yfinance", "AAPL"));
        poller().tick();
        poller().add(job("poll_2", Duration.ofSeconds(10), "yfinance", "MSFT"));

        clock.advance(Duration.ofSeconds(60));
        poller().tick();
        assertThat(yahoo.callsFor("MSFT")).isZero();
        assertThat(board.get("yfinance").orElseThrow().state()).isEqualTo(ProviderState.RATE_LIMITED);
        assertThat(board.get("yfinance").orElseThrow().rateLimitedUntil())
                .isEqualTo(clock.instant().plusSeconds(60));
        assertThat(symbol("poll_1", "AAPL").failures()).isZero();

        clock.advance(Duration.ofSeconds(60));
        poller().tick();
        assertThat(yahoo.callsFor("AAPL")).isEqualTo(2);
        assertThat(yahoo.callsFor("MSFT")).isEqualTo(1);
        assertThat(board.get("yfinance").orElseThrow().state()).isEqualTo(ProviderState.UP);
    }

    @Test
    void aRateLimitWithoutRetryAfterRestsTheDefaultPause() {
        yahoo.fail("AAPL", Kind.RATE_LIMITED, "Note: 5 calls per minute").price("AAPL", 1.0);
        poller().add(job("poll_1", Duration.ofSeconds(10), "yfinance", "AAPL"));

        poller().tick();

        assertThat(poller().restingUntil("yfinance")).contains(clock.instant().plusSeconds(60));
        assertThat(symbol("poll_1", "AAPL").nextPoll()).isEqualTo(clock.instant().plusSeconds(60));
    }

    @Test
    void aSpentRequestBudgetDefersPollsInsteadOfCallingTheUpstream() {
        budgets = new RequestBudgets(Map.of("yfinance", new RequestBudgets.Budget(1, Duration.ofHours(1))));
        yahoo.price("AAPL", 1.0).price("MSFT", 2.0);
        poller().add(job("poll_1", Duration.ofSeconds(10), "yfinance", "AAPL", "MSFT"));

        poller().tick();

        assertThat(yahoo.calls()).containsExactly("AAPL");
        assertThat(symbol("poll_1", "MSFT").nextPoll()).isAfter(clock.instant().plusSeconds(60));
        assertThat(budgets.state("yfinance").orElseThrow().available()).isZero();
    }

    @Test
    void anUnknownSymbolIsThatSymbolsProblemNotTheProviders() {
        yahoo.price("AAPL", 1.0).fail("NOPE", Kind.UNKNOWN_SYMBOL, "No data found, symbol may be delisted");
        poller().add(job("poll_1", Duration.ofSeconds(10), "yfinance", "AAPL", "NOPE"));

        poller().tick();

        assertThat(board.get("yfinance").orElseThrow().state()).isEqualTo(ProviderState.UP);
        assertThat(symbol("poll_1", "NOPE").lastError()).contains("delisted");
    }

    @Test
    void anAdapterBugCostsOnePollNotTheTask() {
        yahoo.fail("AAPL", Kind.BAD_RESPONSE, "x");
        poller().add(job("poll_1", Duration.ofSeconds(1), "yfinance", "AAPL"));
        ScriptedProvider buggy = new ScriptedProvider("buggy", clock).bug("AAPL", new IllegalStateException("bug"));
        registry.register(buggy);
        poller().add(job("poll_2", Duration.ofSeconds(1), "buggy", "AAPL"));

        poller().tick();
        clock.advance(Duration.ofMinutes(10));
        poller().tick();

        assertThat(symbol("poll_2", "AAPL").failures()).isEqualTo(2);
    }

    @Test
    void aJobOfADisabledProviderWaitsAndPollsNothing() {
        registry.disable("alpha_vantage", ProviderKind.POLLING, "no API key (set ALPHA_VANTAGE_API_KEY)");

        poller().add(job("poll_1", Duration.ofSeconds(10), "alpha_vantage", "IBM"));
        poller().tick();
        feeds.check();

        JobStatus status = poller().status("poll_1").orElseThrow();
        assertThat(status.state()).isEqualTo(JobStatus.State.WAITING);
        assertThat(status.reason()).contains("no API key");
        assertThat(feeds.status("IBM")).isEmpty();
    }

    @Test
    void aStreamingJobHoldsItsSubscriptionsUntilItIsRemoved() {
        CountingStream stream = new CountingStream();
        registry.register(stream);

        poller().add(job("poll_1", Duration.ofSeconds(30), "finnhub_stream", "AAPL", "MSFT"));
        assertThat(stream.interest).containsExactlyInAnyOrder("AAPL", "MSFT");
        assertThat(poller().status("poll_1").orElseThrow().state()).isEqualTo(JobStatus.State.STREAMING);

        poller().remove("poll_1");
        assertThat(stream.interest).isEmpty();
    }

    @Test
    void pollingNowRespectsARateLimitRest() {
        yahoo.fail("AAPL", new ProviderException(Kind.RATE_LIMITED, "HTTP 429", Duration.ofSeconds(30), null));
        assertThatThrownBy(() -> poller().pollNow(yahoo, "AAPL")).isInstanceOf(ProviderException.class);

        clock.advance(Duration.ofSeconds(10));
        assertThatThrownBy(() -> poller().pollNow(yahoo, "AAPL"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
                });
        assertThat(yahoo.callsFor("AAPL")).isEqualTo(1);
    }

    @Test
    void removingAJobStopsItsPolls() {
        yahoo.price("AAPL", 1.0);
        poller().add(job("poll_1", Duration.ofSeconds(1), "yfinance", "AAPL"));
        poller().tick();
        feeds.check();
        assertThat(feeds.status("AAPL")).isPresent();

        poller().remove("poll_1");
        clock.advance(Duration.ofSeconds(5));
        poller().tick();

        assertThat(yahoo.callsFor("AAPL")).isEqualTo(1);
        assertThat(poller().status("poll_1")).isEmpty();
        assertThat(feeds.status("AAPL")).isEmpty();
    }

    private SymbolPollStatus symbol(String jobId, String symbol) {
        return poller().status(jobId).orElseThrow().symbols().stream()
                .filter(s -> s.symbol().equals(symbol)).findFirst().orElseThrow();
    }

    /** A streaming provider that only counts interest. */
    static final class CountingStream implements StreamingProvider {
        final List<String> interest = new ArrayList<>();

        @Override
        public String name() {
            return "finnhub_stream";
        }

        @Override
        public void start() {
        }

        @Override
        public synchronized void subscribe(String symbol) {
            interest.add(symbol);
        }

        @Override
        public synchronized void unsubscribe(String symbol) {
            interest.remove(symbol);
        }

        @Override
        public boolean connected() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
