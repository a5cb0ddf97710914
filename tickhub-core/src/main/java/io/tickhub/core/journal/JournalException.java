package io.tickhub.core.journal;

/** The journal could not take or give back a record (a full disk, an I/O error, a damaged file). */
public final class JournalException extends RuntimeException {

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalException(String message) {
        super(message);
    }
}
