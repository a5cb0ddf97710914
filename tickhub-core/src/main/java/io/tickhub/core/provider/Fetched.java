package io.tickhub.core.provider;

import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.store.RawPayload;
import java.util.Objects;

/**
 * One successful poll: the observation mapped to a quote, and the response it was read from. The
 * quote's {@code rawId} names the payload, so every stored price point can be traced to its bytes.
 */
public record Fetched(RawQuote quote, RawPayload payload) {

    public Fetched {
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(payload, "payload");
        if (!payload.id().equals(quote.rawId())) {
            throw new IllegalArgumentException("the quote must name its payload: " + quote.rawId() + " vs " + payload.id());
        }
    }

    /** Whether this is the same observation as {@code previous} (a poll that found nothing new). */
    public boolean sameObservationAs(Fetched previous) {
        if (previous == null) {
            return false;
        }
        RawQuote a = quote, b = previous.quote;
        return a.price() == b.price() && a.volume() == b.volume() && a.providerTime().equals(b.providerTime())
                && Objects.equals(a.bid(), b.bid()) && Objects.equals(a.ask(), b.ask());
    }
}
