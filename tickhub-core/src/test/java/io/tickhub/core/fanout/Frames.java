package io.tickhub.core.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough JSON reading for assertions on what the hub wrote (core tests take no JSON
 * library): split a batch array into its objects, read a scalar field by name. Field lookup is
 * by first occurrence of {@code "name":}, which is unambiguous for the messages the fan-out writes
 * as long as the test asks for a field that appears once ({@code type}, {@code seq}, ...).
 */
final class Frames {

    private static final String SCALAR = "(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*|true|false|null)";

    private Frames() {
    }

    /** The objects of one frame: the frame itself, or each element when it is a JSON array (a batch). */
    static List<String> messages(String frame) {
        String text = frame.strip();
        if (!text.startsWith("[")) {
            return List.of(text);
        }
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '[', '{' -> {
                    depth++;
                    if (depth == 2 && start < 0) {
                        start = i;
                    }
                }
                case ']', '}' -> {
                    depth--;
                    if (depth == 1 && start >= 0) {
                        out.add(text.substring(start, i + 1));
                        start = -1;
                    }
                    if (depth == 0 && i != text.length() - 1) {
                        throw new AssertionError("text after the end of the array: " + text);
                    }
                }
                case ',' -> {
                    // separators at depth 1 between elements; elements must be objects
                }
                default -> {
                    if (depth == 1 && !Character.isWhitespace(c)) {
                        throw new AssertionError("a batch element is not a JSON object at " + i + ": " + text);
                    }
                }
            }
        }
        if (depth != 0) {
            throw new AssertionError("unbalanced JSON: " + text);
        }
        return out;
    }

    /** Every message of every frame, batches expanded, in order. */
    static List<String> messages(List<String> frames) {
        return frames.stream().flatMap(f -> messages(f).stream()).toList();
    }

    /** The raw JSON text of scalar field {@code name} (strings keep their quotes), or {@code null}. */
    static String raw(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":" + SCALAR).matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** String field {@code name} without quotes (no unescaping), or {@code null}. */
    static String string(String json, String name) {
        String raw = raw(json, name);
        if (raw == null || raw.equals("null")) {
            return null;
        }
        if (!raw.startsWith("\"")) {
            throw new AssertionError("\"" + name + "\" is not a string in " + json);
        }
        return raw.substring(1, raw.length() - 1);
    }

    static String type(String json) {
        return string(json, "type");
    }

    static long longField(String json, String name) {
        String raw = raw(json, name);
        if (raw == null) {
            throw new AssertionError("no \"" + name + "\" in " + json);
        }
        return Long.parseLong(raw);
    }

    static long seq(String json) {
        return longField(json, "seq");
    }

    static boolean isSnapshot(String json) {
        return "true".equals(raw(json, "snapshot"));
    }

    /** {@code conflated:n}, or 0 when absent. */
    static long conflated(String json) {
        String raw = raw(json, "conflated");
        return raw == null ? 0 : Long.parseLong(raw);
    }

    static boolean isPriceUpdate(String json) {
        return "price_update".equals(type(json));
    }

    static boolean isUpdateOf(String json, String symbol) {
        return isPriceUpdate(json) && symbol.equals(string(json, "symbol"));
    }
}
