package io.tickhub.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.failover.FailoverPolicy;
import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.provider.ProviderRegistry;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.store.MemoryStore;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.ScriptedProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two ingest nodes on one store: every job runs on exactly one of them, and moves when that one stops. */
class JobLeasesTest {

    private static final Duration LEASE = Duration.ofSeconds(15);

    private final ManualClock clock = new ManualClock();
    private final MemoryStore store = new MemoryStore();
    private final Node one = new Node("ingest-1");
    private final Node two = new Node("ingest-2");

    /** One ingest node: its own poller (never ticked here: what matters is what it runs) and leases. */
    private final class Node {
        final Poller poller;
        final JobLeases leases;

        Node(String name) {
            ProviderStatusBoard board = new ProviderStatusBoard(clock);
            ProviderRegistry registry = new ProviderRegistry(board);
            registry.register(new ScriptedProvider("yfinance", clock));
            poller = new Poller(registry, q -> { }, p -> { }, board,
                    new FeedBoard(new FailoverPolicy(List.of(), Map.of(), 3), clock, s -> { }), RequestBudgets.NONE,
                    new Poller.Settings(Duration.ofMinutes(5), Duration.ofSeconds(60)), clock, Runnable::run);
            leases = new JobLeases(store, poller, name, LEASE, clock);
        }

        boolean runs(String id) {
            return poller.status(id).map(s -> s.state() == JobStatus.State.POLLING).orElse(false);
        }
    }

    private PollingJob job(String id) {
        return new PollingJob(id, List.of("AAPL"), Duration.ofSeconds(10), "yfinance", clock.instant());
    }

    private void tickBoth() {
        one.leases.tick();
        two.leases.tick();
    }

    @Test
    void eachJobRunsOnExactlyOneNode() {
        store.saveJob(job("poll_a"));
        store.saveJob(job("poll_b"));
        tickBoth();
        clock.advance(LEASE);
        tickBoth();

        for (String id : List.of("poll_a", "poll_b")) {
            assertThat(one.runs(id) ^ two.runs(id)).as(id + " runs on exactly one node").isTrue();
        }
        assertThat(one.leases.running()).containsExactly("poll_a", "poll_b");
        assertThat(two.leases.running()).isEmpty();
    }

    @Test
    void aJobCreatedThroughAnyNodeStartsAtTheNextRenewalAndADeletedOneStops() {
        tickBoth();
        store.saveJob(job("poll_new"));
        clock.advance(Duration.ofSeconds(4));
        one.leases.tick();
        assertThat(one.runs("poll_new")).as("before a third of the lease: not renewed yet").isFalse();

        clock.advance(Duration.ofSeconds(1));
        one.leases.tick();
        assertThat(one.runs("poll_new")).isTrue();

        store.deleteJob("poll_new");
        clock.advance(Duration.ofSeconds(5));
        one.leases.tick();
        assertThat(one.runs("poll_new")).isFalse();
    }

    @Test
    void theJobsOfANodeThatStopsRenewingMoveAtTheFirstRenewalAfterItsLeaseLapses() {
        store.saveJob(job("poll_a"));
        one.leases.tick();
        assertThat(one.runs("poll_a")).isTrue();

        // ingest-1 dies: it never ticks again.
        clock.advance(LEASE.minusSeconds(1));
        two.leases.tick();
        assertThat(two.runs("poll_a")).as("the lease has not lapsed yet").isFalse();
        clock.advance(LEASE.dividedBy(3)); // ingest-2's next renewal, after the lapse
        two.leases.tick();
        assertThat(two.runs("poll_a")).as("moved within a lease and a third").isTrue();
    }

    @Test
    void aNodeThatStopsReleasesItsJobsAtOnce() {
        store.saveJob(job("poll_a"));
        one.leases.tick();
        one.leases.release();
        assertThat(one.runs("poll_a")).isFalse();

        two.leases.tick();
        assertThat(two.runs("poll_a")).isTrue();
    }

    @Test
    void aNodeCutOffFromTheStoreStopsItsJobsWhenItsLeasesLapseNotBefore() {
        store.saveJob(job("poll_a"));
        one.leases.tick();
        store.down(true);

        clock.advance(Duration.ofSeconds(10));
        one.leases.tick();
        assertThat(one.runs("poll_a")).as("still within its lease").isTrue();
        clock.advance(Duration.ofSeconds(5));
        one.leases.tick();
        assertThat(one.runs("poll_a")).as("lease lapsed: another node may hold it now").isFalse();
    }

    @Test
    void aNodeThatRunsNoJobsShowsTheHoldersReportOfThem() {
        store.saveJob(job("poll_a"));
        one.leases.tick();
        PollingJobs gateway = new PollingJobs(store, new ProviderRegistry(new ProviderStatusBoard(clock)),
                two.poller, clock, () -> "unused", new PollingJobs.Limits("yfinance", 10, 10), false);

        JobStatus seen = gateway.get("poll_a").orElseThrow();

        assertThat(seen.state()).isEqualTo(JobStatus.State.POLLING);
        assertThat(seen.runsOn()).isEqualTo("ingest-1");
        assertThat(seen.reportedAt()).isEqualTo(clock.instant());
        assertThat(seen.symbols()).extracting(SymbolPollStatus::symbol).containsExactly("AAPL");
        assertThat(gateway.list()).containsExactly(seen);
    }
}
