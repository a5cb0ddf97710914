package io.tickhub.core.jobs;

import io.tickhub.core.provider.ProviderKind;
import io.tickhub.core.provider.ProviderRegistry;
import io.tickhub.core.quote.InvalidSymbolException;
import io.tickhub.core.quote.Symbols;
import io.tickhub.core.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The polling jobs of systems B and C and of {@code /api/v1/jobs}: validated, stored, then run by
 * the {@link Poller}; stored jobs resume at start-up. A request is checked completely before
 * anything is stored, and a job is started only once the store has kept it, so no half-created job
 * exists after a failure. Thread-safe: one monitor orders creations and deletions.
 */
public final class PollingJobs {

    /**
     * @param defaultProvider the provider of a job that names none (system B allowed {@code null})
     * @param maxSymbols      symbols one job may poll
     * @param maxJobs         jobs the hub keeps
     */
    public record Limits(String defaultProvider, int maxSymbols, int maxJobs) {
    }

    private final Store store;
    private final ProviderRegistry registry;
    private final Poller poller;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Limits limits;
    private final boolean startsJobs;

    /** @param ids new job ids, {@code poll_<8 hex>} (system C's form) */
    public PollingJobs(Store store, ProviderRegistry registry, Poller poller, Clock clock, Supplier<String> ids,
                       Limits limits) {
        this(store, registry, poller, clock, ids, limits, true);
    }

    /**
     * @param startsJobs whether this node runs the jobs it creates and resumes; false where
     *                   {@link JobLeases} decide which ingest node runs each (several nodes share the store)
     */
    public PollingJobs(Store store, ProviderRegistry registry, Poller poller, Clock clock, Supplier<String> ids,
                       Limits limits, boolean startsJobs) {
        this.startsJobs = startsJobs;
        this.store = store;
        this.registry = registry;
        this.poller = poller;
        this.clock = clock;
        this.ids = ids;
        this.limits = limits;
    }

    /** Starts every stored job; those whose provider is now disabled wait. */
    public synchronized int resume() {
        List<PollingJob> stored = store.jobs();
        if (startsJobs) {
            stored.forEach(poller::add);
        }
        return stored.size();
    }

    /**
     * Validates, stores, then starts a job.
     *
     * @param symbols  as the client sent them; normalised, repeats removed
     * @param interval seconds between polls (a streaming job: the longest expected silence)
     * @param provider provider name, or null for the default
     * @throws JobRejectedException when the request is invalid (nothing stored)
     * @throws io.tickhub.core.store.StoreException when the store could not keep it (nothing started)
     */
    public synchronized PollingJob create(List<String> symbols, long interval, String provider) {
        List<String> normalised = symbols(symbols);
        if (interval < 1) {
            throw new JobRejectedException("interval", "interval must be at least 1 second, was " + interval);
        }
        if (interval > Duration.ofDays(1).toSeconds()) {
            throw new JobRejectedException("interval", "interval must be at most 86400 seconds (a day), was " + interval);
        }
        String name = providerOrDefault(provider);
        checkProvider(name);
        if (store.jobs().size() >= limits.maxJobs()) {
            throw new JobRejectedException("symbols", "the hub already runs its maximum of " + limits.maxJobs()
                    + " jobs; delete one first");
        }
        PollingJob job = new PollingJob(ids.get(), normalised, Duration.ofSeconds(interval), name, clock.instant());
        store.saveJob(job);
        if (startsJobs) {
            poller.add(job);
        }
        return job;
    }

    /** @return whether the job existed; it is stopped and forgotten */
    public synchronized boolean delete(String id) {
        boolean existed = store.deleteJob(id);
        poller.remove(id);
        return existed;
    }

    /** Every stored job with how it runs, oldest first. */
    public List<JobStatus> list() {
        Map<String, JobReport> reports = reports();
        List<JobStatus> out = new ArrayList<>();
        for (PollingJob job : store.jobs()) {
            out.add(statusOf(job, reports));
        }
        return out;
    }

    public Optional<JobStatus> get(String id) {
        Map<String, JobReport> reports = reports();
        return store.jobs().stream().filter(j -> j.id().equals(id)).findFirst().map(job -> statusOf(job, reports));
    }

    /** On a node that starts no jobs, how the nodes running them reported them; none needed otherwise. */
    private Map<String, JobReport> reports() {
        return startsJobs ? Map.of() : store.jobReports();
    }

    /** Here if it runs here, else as its lease holder last reported it, else waiting. */
    private JobStatus statusOf(PollingJob job, Map<String, JobReport> reports) {
        return poller.status(job.id()).orElseGet(() -> {
            JobReport report = reports.get(job.id());
            return report != null ? JobStatus.reported(job, report)
                    : new JobStatus(job, JobStatus.State.WAITING, startsJobs ? "not running on this node"
                            : "runs on the ingest node that holds its lease, not on this one", List.of());
        });
    }

    /** {@code provider} trimmed, or the default provider when it is null or blank. */
    public String providerOrDefault(String provider) {
        return provider == null || provider.isBlank() ? limits.defaultProvider() : provider.trim();
    }

    /** How a job (as stored) runs here, without reading the store. */
    public JobStatus statusOf(PollingJob job) {
        return statusOf(job, Map.of());
    }

    private List<String> symbols(List<String> symbols) {
        if (symbols == null || symbols.isEmpty()) {
            throw new JobRejectedException("symbols", "symbols must list at least one symbol");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String s : symbols) {
            try {
                out.add(Symbols.normalize(s));
            } catch (InvalidSymbolException | NullPointerException e) {
                throw new JobRejectedException("symbols", "not a valid symbol: " + s);
            }
        }
        if (out.size() > limits.maxSymbols()) {
            throw new JobRejectedException("symbols", "a job polls at most " + limits.maxSymbols()
                    + " symbols, got " + out.size());
        }
        return List.copyOf(out);
    }

    /** Known, enabled, and something a job can run on (not the simulator). */
    public void checkProvider(String name) {
        var entry = registry.get(name).orElseThrow(() -> new JobRejectedException("provider",
                "unknown provider " + name + "; known: " + String.join(", ", registry.jobProviders())));
        if (!entry.enabled()) {
            throw new JobRejectedException("provider", "provider " + name + " is disabled: " + entry.disabledReason());
        }
        if (entry.kind() == ProviderKind.SOURCE) {
            throw new JobRejectedException("provider", "provider " + name + " produces its own data and cannot be"
                    + " polled; choose one of " + String.join(", ", registry.jobProviders()));
        }
    }
}
