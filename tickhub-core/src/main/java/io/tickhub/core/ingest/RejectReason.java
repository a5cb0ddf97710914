package io.tickhub.core.ingest;

/** Why ingest refused a provider quote; each is a metric label. */
public enum RejectReason {
    INVALID_SYMBOL("invalid_symbol"),
    INVALID_PRICE("invalid_price"),
    INVALID_VOLUME("invalid_volume"),
    /** Same provider, same observation time and same values as the last accepted quote. */
    DUPLICATE("duplicate"),
    /** A standby provider's quote while a preferred provider of the symbol is fresh (failover). */
    STANDBY("standby"),
    /**
     * A quote of a symbol another ingest node sequences (cluster): only the owner of a symbol's
     * partition gives it seqs, so two nodes never issue the same seq. Counted only when the quote
     * could not be handed to the owner ({@link OwnerHandOff}).
     */
    NOT_OWNER("not_owner"),
    /** The journal could not record it (a full or failing disk): an update that cannot be kept is not published. */
    JOURNAL_FAILED("journal_failed");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
