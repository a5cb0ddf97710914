package io.tickhub.core.fanout;

import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events framing of native messages: an optional {@code id:}, an optional
 * {@code event: <type>} (only for clients that asked for named events: an unnamed event is what a
 * browser's {@code EventSource} hands to {@code onmessage}), {@code data: <json>} and a blank line. The JSON never contains a raw newline
 * (every encoder here escapes them), so one {@code data:} line always suffices.
 */
public final class SseFrames {

    private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);

    private SseFrames() {
    }

    /**
     * One event; {@code id} may be null (the client's last event id then stays as it was), and so may
     * {@code name} (an unnamed event, {@code message} to the client).
     */
    public static byte[] event(String name, String id, byte[] json) {
        StringBuilder head = new StringBuilder(32 + (name == null ? 0 : name.length()));
        if (id != null) {
            head.append("id: ").append(id).append('\n');
        }
        if (name != null) {
            head.append("event: ").append(name).append('\n');
        }
        head.append("data: ");
        byte[] prefix = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[prefix.length + json.length + 2];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(json, 0, out, prefix.length, json.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }

    /**
     * A native message as one event: unnamed, or with {@code named} named after its {@code type}
     * ({@code message} when it has none).
     */
    public static byte[] wrap(byte[] json, boolean named) {
        return event(named ? typeOf(json) : null, null, json);
    }

    /** A comment line: keeps proxies from timing the stream out, ignored by every client. */
    public static byte[] comment(String text) {
        return (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Every native encoder writes {@code type} first, so it is read from the prefix without parsing. */
    static String typeOf(byte[] json) {
        if (json.length <= TYPE_PREFIX.length) {
            return "message";
        }
        for (int i = 0; i < TYPE_PREFIX.length; i++) {
            if (json[i] != TYPE_PREFIX[i]) {
                return "message";
            }
        }
        int end = TYPE_PREFIX.length;
        while (end < json.length && json[end] != '"') {
            end++;
        }
        return new String(json, TYPE_PREFIX.length, end - TYPE_PREFIX.length, StandardCharsets.US_ASCII);
    }
}
