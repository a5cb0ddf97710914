package io.tickhub.core.jobs;

import io.tickhub.core.store.Store;
import io.tickhub.core.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a polling job on exactly one of several ingest nodes: each node holds leases on jobs in
 * the store and runs only the jobs it holds. It renews them every third of the lease, which also
 * picks up jobs created or deleted through any gateway and claims the jobs of a node that died
 * (its leases lapse). A node that cannot reach the store stops its jobs once its leases have
 * lapsed, since another node may hold them by then. At each renewal it also reports how its jobs
 * run (state, per-symbol progress) to the store, where nodes that run no jobs read it. Scheduler
 * thread only.
 */
public final class JobLeases {

    private static final System.Logger log = System.getLogger(JobLeases.class.getName());

    private final Store store;
    private final Poller poller;
    private final String node;
    private final Duration lease;
    private final Clock clock;
    private final Map<String, PollingJob> running = new HashMap<>();
    private Instant nextRenewal = Instant.MIN;
    private Instant heldUntil = Instant.MIN;

    /** @param node this node's name in the store: unique among the ingest nodes */
    public JobLeases(Store store, Poller poller, String node, Duration lease, Clock clock) {
        this.store = store;
        this.poller = poller;
        this.node = Objects.requireNonNull(node, "node");
        this.lease = lease;
        this.clock = clock;
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a lease must be > 0, was " + lease);
        }
    }

    /** Renews the leases when due and brings what runs here in line with what this node holds. */
    public void tick() {
        Instant now = clock.instant();
        if (now.isBefore(nextRenewal)) {
            return;
        }
        nextRenewal = now.plus(lease.dividedBy(3));
        Set<String> held;
        Map<String, PollingJob> stored;
        try {
            held = Set.copyOf(store.claimJobs(node, now, now.plus(lease)));
            stored = store.jobs().stream().collect(Collectors.toMap(PollingJob::id, Function.identity()));
        } catch (StoreException e) {
            if (!now.isBefore(heldUntil) && !running.isEmpty()) {
                log.log(System.Logger.Level.WARNING, "Job leases of " + node + " lapsed while the store is away ("
                        + e.getMessage() + "): stopping " + running.size() + " job(s)");
                stopAll();
            }
            return;
        }
        heldUntil = now.plus(lease);
        running.keySet().removeIf(id -> {
            boolean lost = !held.contains(id) || !stored.containsKey(id);
            if (lost) {
                poller.remove(id);
            }
            return lost;
        });
        for (String id : held) {
            PollingJob job = stored.get(id);
            if (job != null && !job.equals(running.get(id))) {
                poller.add(job); // new here, or changed through another node
                running.put(id, job);
            }
        }
        report(now);
    }

    /** Tells the store how this node's jobs run, for the gateways' job routes; best effort. */
    private void report(Instant now) {
        List<JobReport> reports = running.keySet().stream().sorted()
                .flatMap(id -> poller.status(id).stream()).map(status -> JobReport.of(status, node, now)).toList();
        try {
            store.reportJobs(node, reports);
        } catch (StoreException e) {
            log.log(System.Logger.Level.DEBUG, "Could not report the jobs of " + node + ": " + e.getMessage());
        }
    }

    /** The jobs this node runs now. */
    public List<String> running() {
        return running.keySet().stream().sorted().toList();
    }

    /** Stops this node's jobs and gives up their leases, so another node takes them at once. */
    public void release() {
        stopAll();
        try {
            store.releaseJobs(node);
        } catch (StoreException e) {
            log.log(System.Logger.Level.WARNING, "Could not release the job leases of " + node
                    + "; they lapse in " + lease + ": " + e.getMessage());
        }
    }

    private void stopAll() {
        running.keySet().forEach(poller::remove);
        running.clear();
    }
}
