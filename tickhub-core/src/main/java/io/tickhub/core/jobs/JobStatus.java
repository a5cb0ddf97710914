package io.tickhub.core.jobs;

import java.util.List;

/**
 * A job and how it runs. Immutable snapshot.
 *
 * @param job     the job as stored
 * @param state   {@link State}
 * @param reason  why it is waiting, or null
 * @param symbols per-symbol progress of a polling job (empty for a streaming or waiting one)
 */
public record JobStatus(PollingJob job, State state, String reason, List<SymbolPollStatus> symbols) {

    public JobStatus {
        symbols = List.copyOf(symbols);
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
