package io.tickhub.core.jobs;

import java.time.Instant;
import java.util.List;

/**
 * How a job runs on the ingest node that holds its lease, as that node last reported it to the
 * store: what a gateway, which runs no jobs, shows for it. Immutable.
 *
 * @param jobId      the job
 * @param node       the reporting node ({@code tickhub.jobs.node-id})
 * @param reportedAt when it reported (every renewal, a third of the lease)
 * @param state      how it runs there
 * @param reason     why it waits there, or null
 * @param symbols    per-symbol progress there
 */
public record JobReport(String jobId, String node, Instant reportedAt, JobStatus.State state, String reason,
                        List<SymbolPollStatus> symbols) {

    public JobReport {
        symbols = List.copyOf(symbols);
    }

    /** The report of {@code status}, the job's state on {@code node} at {@code at}. */
    public static JobReport of(JobStatus status, String node, Instant at) {
        return new JobReport(status.job().id(), node, at, status.state(), status.reason(), status.symbols());
    }
}
