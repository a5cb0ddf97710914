package io.tickhub.client;

/**
 * Updates of a symbol the client knows it will never deliver: seqs {@code fromSeq} to
 * {@code toSeq} (inclusive) of {@code epoch}. Never hidden: every missing seq is either
 * delivered (streamed or repaired from REST history) or named in one of these.
 *
 * @param toSeq  the last missing seq; -1 when unknown (the history they belonged to is gone, see {@link Reason#EPOCH_CHANGED})
 */
public record Lost(String symbol, long fromSeq, long toSeq, String epoch, Reason reason) implements StreamEvent {

    /** Why the updates could not be delivered. */
    public enum Reason {
        /** The hub's stream epoch changed: the seqs after {@code fromSeq - 1} of the old epoch cannot be placed. */
        EPOCH_CHANGED,
        /** Neither the stream's resume nor REST history had them (the store does not hold them any more). */
        NOT_IN_HISTORY,
        /** REST history could not be read (an error, or it answered in another epoch). */
        REPAIR_FAILED,
        /** Gap repair is turned off ({@link ClientConfig.Builder#repairGaps(boolean)}). */
        REPAIR_DISABLED
    }
}
