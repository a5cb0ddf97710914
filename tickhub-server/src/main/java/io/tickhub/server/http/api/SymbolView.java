package io.tickhub.server.http.api;

/**
 * A symbol the hub knows: reference data and where its stream stands.
 *
 * @param lastSeq   its latest seq, 0 when it has no quote yet
 * @param lastPrice its latest price, or {@code null}
 * @param updatedAt when its latest quote was accepted, or {@code null}
 */
public record SymbolView(String symbol, String name, String currency, String exchange, long lastSeq,
                         Double lastPrice, String updatedAt) {
}
