package io.tickhub.server.http.jobs;

import io.tickhub.core.jobs.JobStatus;
import io.tickhub.core.jobs.PollingJob;
import io.tickhub.core.jobs.SymbolPollStatus;
import io.tickhub.core.quote.Timestamps;
import java.util.List;
import java.util.Locale;

/** The native API's view of jobs. */
public final class JobViews {

    private JobViews() {
    }

    /**
     * @param interval seconds
     * @param state    {@code polling}, {@code streaming} or {@code waiting}
     * @param reason   why it waits, or null
     * @param progress   per-symbol progress of a polling job
     * @param runsOn     on a node that runs no jobs (a gateway): the ingest node whose report this is; else null
     * @param reportedAt when that node reported it (every few seconds); null when it is this node's own
     */
    public record JobView(String id, List<String> symbols, long interval, String provider, String createdAt,
                          String state, String reason, List<SymbolProgress> progress, String runsOn,
                          String reportedAt) {
    }

    public record SymbolProgress(String symbol, long polls, long changes, Double lastPrice, String lastSuccess,
                                 String lastError, int failures, String nextPoll) {
    }

    public record JobList(List<JobView> jobs) {
    }

    public static JobView of(JobStatus status) {
        PollingJob job = status.job();
        return new JobView(job.id(), job.symbols(), job.interval().toSeconds(), job.provider(),
                Timestamps.iso(job.createdAt()), status.state().name().toLowerCase(Locale.ROOT), status.reason(),
                status.symbols().stream().map(JobViews::of).toList(), status.runsOn(),
                Timestamps.iso(status.reportedAt()));
    }

    private static SymbolProgress of(SymbolPollStatus s) {
        return new SymbolProgress(s.symbol(), s.polls(), s.changes(), s.lastPrice(), Timestamps.iso(s.lastSuccess()),
                s.lastError(), s.failures(), Timestamps.iso(s.nextPoll()));
    }
}
