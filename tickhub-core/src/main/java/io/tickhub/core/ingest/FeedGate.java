package io.tickhub.core.ingest;

/**
 * Decides whether a provider's quote for a symbol is taken, when several providers feed one symbol
 * and only the one serving it should move its price (failover). Called on the sequencer thread for
 * every quote: implementations must be quick and must not block.
 */
@FunctionalInterface
public interface FeedGate {

    /** Takes every quote: no failover configured. */
    FeedGate OPEN = (symbol, provider) -> true;

    /** @return true to accept, false to drop the quote as a standby provider's */
    boolean admit(String symbol, String provider);

    /**
     * Why the quote is dropped, or null to accept it. A gate that refuses for a reason other than
     * standby (symbol ownership) says so here; {@link Sequencer} counts the quote under it.
     */
    default RejectReason refusal(String symbol, String provider) {
        return admit(symbol, provider) ? null : RejectReason.STANDBY;
    }

    /** This gate, then {@code next} for what this one accepts: the first refusal counts. */
    default FeedGate then(FeedGate next) {
        FeedGate first = this;
        return new FeedGate() {
            @Override
            public boolean admit(String symbol, String provider) {
                return refusal(symbol, provider) == null;
            }

            @Override
            public RejectReason refusal(String symbol, String provider) {
                RejectReason refused = first.refusal(symbol, provider);
                return refused != null ? refused : next.refusal(symbol, provider);
            }
        };
    }
}
