package io.tickhub.core.store;

/** The database could not do what was asked; the message says why (never a credential). */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
