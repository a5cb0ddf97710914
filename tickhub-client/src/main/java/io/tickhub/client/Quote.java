package io.tickhub.client;

/**
 * One quote of a symbol, from the stream ({@code price_update}) or from REST.
 *
 * @param seq           per symbol, +1 for every update the hub accepted; with {@code epoch} it names this update
 * @param ts            hub acceptance time, epoch microseconds
 * @param timestamp     the provider's observation time, epoch milliseconds
 * @param snapshot      the latest value sent after a subscribe, not a live update
 * @param conflated     updates of the symbol the hub skipped for this client before this one (its slow-consumer
 *                      conflation or {@code maxRate}); they are counted, not lost unknowingly
 * @param clientSkipped updates this client's inbound queue replaced by this one while the application was slow
 * @param repaired      fetched from REST history to fill a gap the stream left, not streamed
 * @param epoch         the stream epoch the seq belongs to
 */
public record Quote(String symbol, long seq, long ts, double price, double volume, long timestamp, Double bid,
                    Double ask, Double change, Double changePercent, String provider, boolean snapshot,
                    long conflated, long clientSkipped, boolean repaired, String epoch) implements StreamEvent {

    Quote withClientSkipped(long skipped) {
        return new Quote(symbol, seq, ts, price, volume, timestamp, bid, ask, change, changePercent, provider,
                snapshot, conflated, skipped, repaired, epoch);
    }
}
