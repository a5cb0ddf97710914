package io.tickhub.core.fanout;

/**
 * The few JSON writing primitives the hot path needs, appending to a {@link StringBuilder}.
 * Hand-written because every update is encoded once for every wire format and a general JSON
 * library would cost more than the rest of the fan-out; output is plain ASCII-safe JSON.
 */
public final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** Appends {@code value} as a JSON string, escaping quotes, backslashes and control characters. */
    public static StringBuilder string(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** Appends a finite double as a JSON number; NaN and infinities (not JSON) become {@code null}. */
    public static StringBuilder number(StringBuilder out, double value) {
        if (!Double.isFinite(value)) {
            return out.append("null");
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return out.append((long) value).append(".0");
        }
        return out.append(value);
    }

    /** Appends a nullable double. */
    public static StringBuilder number(StringBuilder out, Double value) {
        return value == null ? out.append("null") : number(out, value.doubleValue());
    }

    /** Appends {@code ,"name":} (or {@code "name":} right after an opening brace). */
    public static StringBuilder field(StringBuilder out, String name) {
        char last = out.length() == 0 ? '{' : out.charAt(out.length() - 1);
        if (last != '{' && last != '[') {
            out.append(',');
        }
        return out.append('"').append(name).append("\":");
    }

    /** The ASCII/UTF-8 bytes of {@code json}. */
    public static byte[] utf8(CharSequence json) {
        return json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
