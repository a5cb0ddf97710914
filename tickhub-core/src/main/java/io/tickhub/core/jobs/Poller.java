package io.tickhub.core.jobs;

import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.ingest.QuoteSink;
import io.tickhub.core.provider.Fetched;
import io.tickhub.core.provider.PollingProvider;
import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.provider.ProviderKind;
import io.tickhub.core.provider.ProviderRegistry;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.provider.StreamingProvider;
import io.tickhub.core.store.RawPayload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs polling jobs: each symbol of a job is polled on the job's interval, and after failures on a
 * jittered exponential backoff of its own, so one failing symbol never holds up the others. A
 * provider's request budget ({@link RequestBudgets}) and its upstream rate limits (HTTP 429, rate-limit
 * bodies) pause only that provider's polls. A job on a streaming provider holds a subscription
 * instead. A poll that finds the same observation as the last one stores no payload again.
 *
 * <p>Thread-safe. {@link #tick} is called by one scheduler thread (tests call it after moving a
 * manual clock); polls run on {@code fetches} (virtual threads in the hub, the calling thread in
 * tests); jobs are added and removed from request threads.
 */
public final class Poller {

    /**
     * @param backoffMax     the longest wait between polls of a failing symbol
     * @param rateLimitPause how long a rate-limited provider rests when the upstream did not say
     */
    public record Settings(Duration backoffMax, Duration rateLimitPause) {
    }

    /** What a job runs as: polling tasks, a held subscription, or nothing while its provider is off. */
    private record Running(PollingJob job, JobStatus.State state, String reason, List<PollTask> tasks) {
    }

    private final ProviderRegistry registry;
    private final QuoteSink quotes;
    private final Consumer<RawPayload> payloads;
    private final ProviderStatusBoard status;
    private final FeedBoard feeds;
    private final RequestBudgets budgets;
    private final Settings settings;
    private final Clock clock;
    private final Executor fetches;
    private final ConcurrentHashMap<String, Running> jobs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> restingUntil = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Fetched> lastObservation = new ConcurrentHashMap<>();

    /**
     * @param payloads where raw responses go to be stored (the store writer)
     * @param fetches  runs each poll; polls block on the network
     */
    public Poller(ProviderRegistry registry, QuoteSink quotes, Consumer<RawPayload> payloads,
                  ProviderStatusBoard status, FeedBoard feeds, RequestBudgets budgets, Settings settings,
                  Clock clock, Executor fetches) {
        this.registry = registry;
        this.quotes = quotes;
        this.payloads = payloads;
        this.status = status;
        this.feeds = feeds;
        this.budgets = budgets;
        this.settings = settings;
        this.clock = clock;
        this.fetches = fetches;
    }

    /** Starts running {@code job} (replacing a job with its id); its symbols are polled at the next tick. */
    public void add(PollingJob job) {
        remove(job.id());
        var entry = registry.get(job.provider());
        Running running;
        if (entry.isEmpty() || !entry.get().enabled()) {
            String why = entry.isEmpty() ? "unknown provider " + job.provider()
                    : "provider " + job.provider() + " is disabled: " + entry.get().disabledReason();
            running = new Running(job, JobStatus.State.WAITING, why, List.of());
        } else if (entry.get().kind() == ProviderKind.STREAMING) {
            StreamingProvider stream = (StreamingProvider) entry.get().impl();
            job.symbols().forEach(stream::subscribe);
            running = new Running(job, JobStatus.State.STREAMING, null, List.of());
        } else if (entry.get().kind() == ProviderKind.POLLING) {
            Instant now = clock.instant();
            running = new Running(job, JobStatus.State.POLLING, null, job.symbols().stream()
                    .map(s -> new PollTask(job.id(), s, job.provider(), job.interval(), settings.backoffMax(), now))
                    .toList());
        } else {
            running = new Running(job, JobStatus.State.WAITING, "provider " + job.provider() + " cannot be polled",
                    List.of());
        }
        if (running.state() != JobStatus.State.WAITING) {
            job.symbols().forEach(s -> feeds.expect(s, job.provider(), job.interval()));
        }
        jobs.put(job.id(), running);
    }

    /** Stops running the job: its polls end, its subscriptions and expected feeds are released. */
    public void remove(String jobId) {
        Running running = jobs.remove(jobId);
        if (running == null || running.state() == JobStatus.State.WAITING) {
            return;
        }
        PollingJob job = running.job();
        if (running.state() == JobStatus.State.STREAMING) {
            registry.streaming(job.provider()).ifPresent(stream -> job.symbols().forEach(stream::unsubscribe));
        }
        job.symbols().forEach(s -> feeds.unexpect(s, job.provider()));
    }

    /** Starts a poll of every symbol that is due, unless its provider rests or its budget is spent. */
    public void tick() {
        Instant now = clock.instant();
        for (Running running : jobs.values()) {
            for (PollTask task : running.tasks()) {
                if (!task.isDue(now)) {
                    continue;
                }
                Instant rest = restingUntil.get(task.provider);
                if (rest != null && now.isBefore(rest)) {
                    task.deferTo(rest, null);
                    continue;
                }
                Optional<PollingProvider> provider = registry.polling(task.provider);
                if (provider.isEmpty()) {
                    continue; // a job is only given tasks while its provider is enabled
                }
                if (!budgets.tryAcquire(task.provider)) {
                    task.deferTo(now.plus(budgets.untilAvailable(task.provider)), null);
                    continue;
                }
                if (task.claim(now)) {
                    fetches.execute(() -> poll(task, provider.get(), now));
                }
            }
        }
    }

    /**
     * Polls {@code symbol} once now, outside any job ({@code POST /poll/{symbol}}), within the same
     * budget and rate-limit rests as the jobs. Blocks for the fetch.
     *
     * @throws ProviderException as the provider failed, or {@code RATE_LIMITED} with the wait when
     *                           the provider rests or its budget is spent
     */
    public Fetched pollNow(PollingProvider provider, String symbol) throws ProviderException {
        Instant now = clock.instant();
        Instant rest = restingUntil.get(provider.name());
        if (rest != null && now.isBefore(rest)) {
            throw new ProviderException(ProviderException.Kind.RATE_LIMITED, provider.name()
                    + " is rate limited until " + rest, Duration.between(now, rest), null);
        }
        if (!budgets.tryAcquire(provider.name())) {
            Duration wait = budgets.untilAvailable(provider.name());
            throw new ProviderException(ProviderException.Kind.RATE_LIMITED, "the request budget of "
                    + provider.name() + " is spent", wait, null);
        }
        try {
            Fetched fetched = provider.fetch(symbol);
            delivered(provider.name(), symbol, fetched);
            return fetched;
        } catch (ProviderException e) {
            Instant until = noteFailure(provider.name(), e, clock.instant());
            if (until != null) {
                throw new ProviderException(e.kind(), e.getMessage(), Duration.between(clock.instant(), until), e);
            }
            throw e;
        }
    }

    /** How the job runs, or empty when it is not running here. */
    public Optional<JobStatus> status(String jobId) {
        Running r = jobs.get(jobId);
        if (r == null) {
            return Optional.empty();
        }
        return Optional.of(new JobStatus(r.job(), r.state(), r.reason(),
                r.tasks().stream().map(PollTask::view).toList()));
    }

    /** When the provider's upstream lets it poll again, if it is resting after a rate limit. */
    public Optional<Instant> restingUntil(String provider) {
        Instant until = restingUntil.get(provider);
        return until != null && clock.instant().isBefore(until) ? Optional.of(until) : Optional.empty();
    }

    private void poll(PollTask task, PollingProvider provider, Instant started) {
        try {
            Fetched fetched = provider.fetch(task.symbol);
            boolean changed = delivered(provider.name(), task.symbol, fetched);
            task.succeeded(started, clock.instant(), fetched.quote().price(), changed);
        } catch (ProviderException e) {
            Instant now = clock.instant();
            Instant until = noteFailure(provider.name(), e, now);
            if (until != null) {
                task.rateLimited(until, e.getMessage());
            } else {
                task.failed(now, e.getMessage());
            }
        } catch (RuntimeException e) {
            // An adapter bug must cost this poll, not the task: it would never be polled again.
            status.failed(provider.name(), e.toString());
            task.failed(clock.instant(), e.toString());
        }
    }

    /**
     * Hands an observation to ingest. A new one's payload is stored; an unchanged one's is not (it is
     * stored already), and its quote names the stored payload. The unchanged quote still goes to ingest:
     * the sequencer drops it as a repeat unless it was dropped before as a standby's and its provider
     * now serves the symbol (failover), when it is the freshest price there is.
     */
    private boolean delivered(String provider, String symbol, Fetched fetched) {
        feeds.heard(symbol, provider);
        String key = provider + '\u0000' + symbol;
        Fetched previous = lastObservation.get(key);
        boolean changed = !fetched.sameObservationAs(previous);
        if (changed) {
            lastObservation.put(key, fetched);
            payloads.accept(fetched.payload());
            quotes.submit(fetched.quote());
        } else {
            quotes.submit(fetched.quote().withRawId(previous.payload().id()));
        }
        status.succeeded(provider, changed ? 1 : 0);
        return changed;
    }

    /**
     * Reports a failure. An unknown symbol is that symbol's problem, not the provider's.
     *
     * @return when the provider may be polled again, if it is now resting for a rate limit
     */
    private Instant noteFailure(String provider, ProviderException e, Instant now) {
        switch (e.kind()) {
            case RATE_LIMITED -> {
                Duration wait = e.retryAfter() != null ? e.retryAfter() : settings.rateLimitPause();
                Instant until = restingUntil.merge(provider, now.plus(wait), (a, b) -> a.isAfter(b) ? a : b);
                status.rateLimited(provider, until, e.getMessage());
                return until;
            }
            case UNKNOWN_SYMBOL -> {
                return null;
            }
            default -> {
                status.failed(provider, e.getMessage());
                return null;
            }
        }
    }
}
