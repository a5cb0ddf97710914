package io.tickhub.server.provider.http;

import io.tickhub.core.store.RawPayload;
import java.time.Instant;

/**
 * Immutable: one answer from an upstream, as {@link UpstreamHttp} received it.
 *
 * @param status      HTTP status (2xx, or 404 which only the provider can interpret)
 * @param contentType the {@code Content-Type} header, or {@code application/json} when absent
 * @param body        the body, unchanged
 * @param receivedAt  when it arrived, by the hub's clock
 * @param payloadId   id for the {@link RawPayload} kept of it: letters, digits and {@code -}, at most 64 characters
 * @param where       {@code host/path} it came from, without the query: safe to put in messages
 */
public record UpstreamResponse(int status, String contentType, String body, Instant receivedAt, String payloadId,
                               String where) {

    /** Whether the upstream said 404 (for Yahoo, an unknown symbol; for the others, a wrong base URL). */
    public boolean notFound() {
        return status == 404;
    }

    /**
     * The raw payload record of this answer, for the quote read from it to name. The body is stored
     * as received, except that an API key echoed in it is masked: keys never reach the store.
     */
    public RawPayload payload(String provider, String symbol, String apiKey) {
        return new RawPayload(payloadId, provider, symbol, receivedAt, contentType, Secrets.redact(body, apiKey));
    }
}
