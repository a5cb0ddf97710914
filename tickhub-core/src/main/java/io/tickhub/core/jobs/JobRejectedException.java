package io.tickhub.core.jobs;

/**
 * A job request that cannot be accepted, with the field at fault. Nothing was stored or started.
 */
public final class JobRejectedException extends RuntimeException {

    private final String field;

    public JobRejectedException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault: {@code symbols}, {@code interval} or {@code provider}. */
    public String field() {
        return field;
    }
}
