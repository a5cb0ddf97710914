package io.tickhub.core.journal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Names one unbroken history of seqs. Within an epoch a (symbol, seq) names one update forever;
 * the epoch changes whenever the hub cannot prove that continuity (a fresh data directory, a
 * journal lost or truncated, a store restored, a possible power loss). A client resuming from
 * another epoch is answered {@code complete:false} with a snapshot, never with replayed data that
 * may differ from what it saw.
 *
 * @param id 16 lower-case hex digits
 */
public record StreamEpoch(String id) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public StreamEpoch {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("an epoch is 16 lower-case hex digits, was '" + id + "'");
        }
    }

    /** A new epoch, unlike any other with overwhelming probability. */
    public static StreamEpoch fresh() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return new StreamEpoch(HexFormat.of().formatHex(bytes));
    }

    /** Whether {@code text} is an epoch id as clients echo it back. */
    public static boolean isValid(String text) {
        return text != null && text.matches("[0-9a-f]{16}");
    }

    @Override
    public String toString() {
        return id;
    }
}
