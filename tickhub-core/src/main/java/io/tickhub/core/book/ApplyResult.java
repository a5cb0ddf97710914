package io.tickhub.core.book;

/** What {@link Book#apply} did with a quote. */
public enum ApplyResult {
    /** The quote's seq was the next one; it is now the latest. */
    APPLIED,
    /** The quote's seq skipped one or more; it is now the latest, and the gap is counted. */
    APPLIED_AFTER_GAP,
    /** The quote's seq was not above the latest (a redelivery); nothing changed. */
    DUPLICATE
}
