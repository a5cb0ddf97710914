package io.tickhub.core.jobs;

import java.time.Instant;
import java.util.List;

/**
 * A job and how it runs. Immutable snapshot.
 *
 * @param job        the job as stored
 * @param state      {@link State}
 * @param reason     why it is waiting, or null
 * @param symbols    per-symbol progress of a polling job (empty for a streaming or waiting one)
 * @param runsOn     the ingest node that reported this state, or null when it is this node's own
 * @param reportedAt when that node reported it, or null when it is this node's own (live)
 */
public record JobStatus(PollingJob job, State state, String reason, List<SymbolPollStatus> symbols, String runsOn,
                        Instant reportedAt) {

    public JobStatus {
        symbols = List.copyOf(symbols);
    }

    /** How the job runs on this node, now. */
    public JobStatus(PollingJob job, State state, String reason, List<SymbolPollStatus> symbols) {
        this(job, state, reason, symbols, null, null);
    }

    /** How the job runs on the node that reported it. */
    public static JobStatus reported(PollingJob job, JobReport report) {
        return new JobStatus(job, report.state(), report.reason(), report.symbols(), report.node(), report.reportedAt());
    }

    public enum State {
        /** Polled on its interval. */
        POLLING,
        /** Held as a subscription on a streaming provider. */
        STREAMING,
        /** Its provider is disabled or unknown (a key was removed since it was created); kept, not run. */
        WAITING
    }
}
