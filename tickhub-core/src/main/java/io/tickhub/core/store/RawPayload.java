package io.tickhub.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider response as it came over the wire, kept for audit and reprocessing (system B's
 * {@code raw_market_data}).
 *
 * @param id          unique, chosen by the provider adapter (so price points can name it)
 * @param provider    who sent it
 * @param symbol      the symbol it was fetched for, or null for a multi-symbol payload
 * @param receivedAt  when the hub received it
 * @param contentType e.g. {@code application/json}
 * @param body        the payload, unchanged
 */
public record RawPayload(String id, String provider, String symbol, Instant receivedAt, String contentType,
                         String body) {

    public RawPayload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(body, "body");
    }
}
