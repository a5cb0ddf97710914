package io.tickhub.server.http.error;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque, stable page cursors: the key of the last row returned (a seq, a bar's start in epoch
 * microseconds) with a kind prefix, base64url-encoded. The next page is the rows strictly after
 * that key, so rows arriving meanwhile never shift a page and paging never repeats or skips.
 */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(String kind, long key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + key).getBytes(StandardCharsets.US_ASCII));
    }

    /** The key in a cursor of {@code kind}, or {@code absent} when none was sent; a 422 when it is not one of ours. */
    public static long decode(String kind, String cursor, long absent) {
        if (cursor == null || cursor.isBlank()) {
            return absent;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.US_ASCII);
            if (text.startsWith(kind + ":")) {
                return Long.parseLong(text.substring(kind.length() + 1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 422
        }
        throw ApiException.invalid(InvalidParam.query("cursor", "value_error",
                "Input should be a cursor returned by this endpoint (nextCursor)", cursor));
    }
}
