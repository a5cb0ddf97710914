package io.tickhub.client;

/** The client is closed and every queued event has been taken; {@link #getMessage()} says why it closed. */
public final class ClientClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ClientClosedException(String reason) {
        super(reason);
    }
}
