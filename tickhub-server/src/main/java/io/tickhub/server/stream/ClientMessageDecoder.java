package io.tickhub.server.stream;

import io.tickhub.core.fanout.ClientMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Decodes a client's text frame on the native protocol into a {@link ClientMessage}. Never
 * throws: anything malformed becomes {@link ClientMessage.Invalid} with a stable error code, so
 * the session answers with an error frame and the connection stays.
 */
final class ClientMessageDecoder {

    private final ObjectMapper json;

    ClientMessageDecoder(ObjectMapper json) {
        this.json = json;
    }

    ClientMessage decode(String text) {
        if ("ping".equals(text.strip())) {
            return new ClientMessage.TextPing();
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            return new ClientMessage.Invalid("bad_json", "Message is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            return new ClientMessage.Invalid("bad_request", "Message must be a JSON object with an 'action'");
        }
        JsonNode action = root.get("action");
        if (action == null || action.isNull()) {
            return new ClientMessage.Invalid("bad_request", "Missing 'action'");
        }
        if (!action.isString()) {
            return new ClientMessage.Invalid("bad_request", "'action' must be a string");
        }
        try {
            return switch (action.asString()) {
                case "subscribe" -> new ClientMessage.Subscribe(symbols(root, true), strings(root, "channels"),
                        bool(root, "snapshot", true), resume(root), maxRate(root), epoch(root));
                case "unsubscribe" -> new ClientMessage.Unsubscribe(symbols(root, true), strings(root, "channels"));
                case "list" -> new ClientMessage.ListSubscriptions();
                case "ping" -> new ClientMessage.Ping(root.has("id") ? root.get("id").toString() : null);
                case "auth" -> new ClientMessage.Auth(root.path("token").asString(""));
                default -> new ClientMessage.UnknownAction(action.asString());
            };
        } catch (BadField e) {
            return new ClientMessage.Invalid("bad_request", e.getMessage());
        }
    }

    private static List<String> symbols(JsonNode root, boolean required) {
        JsonNode node = root.get("symbols");
        if (node == null || node.isNull()) {
            if (required) {
                throw new BadField("'symbols' is required: a list of symbols, e.g. [\"AAPL\"]");
            }
            return List.of();
        }
        return stringList(node, "symbols");
    }

    private static List<String> strings(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? List.of() : stringList(node, field);
    }

    private static List<String> stringList(JsonNode node, String field) {
        if (!node.isArray()) {
            throw new BadField("'" + field + "' must be a list of strings, e.g. [\"AAPL\"], not " + node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        List<String> out = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isString()) {
                throw new BadField("'" + field + "' must contain only strings");
            }
            out.add(element.asString());
        }
        return out;
    }

    private static boolean bool(JsonNode root, String field, boolean absent) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw new BadField("'" + field + "' must be true or false");
        }
        return node.asBoolean();
    }

    private static Map<String, Long> resume(JsonNode root) {
        JsonNode node = root.get("resume");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new BadField("'resume' must be an object of symbol to last seq, e.g. {\"AAPL\": 41}");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode seq = e.getValue();
            // canConvertToLong first: asLong() on a seq past 2^63-1 throws, which dropped the socket with 1005.
            if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.asLong() < 0) {
                throw new BadField("'resume." + e.getKey() + "' must be a seq: an integer >= 0");
            }
            out.put(e.getKey(), seq.asLong());
        }
        return out;
    }

    /** The epoch a {@code resume}'s seqs belong to, as the {@code connection} message gave it; null when absent. */
    private static String epoch(JsonNode root) {
        JsonNode node = root.get("epoch");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new BadField("'epoch' must be a string: the epoch of the connection the resume seqs came on");
        }
        return node.asString();
    }

    private static Double maxRate(JsonNode root) {
        JsonNode node = root.get("maxRate");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !(node.asDouble() > 0)) {
            throw new BadField("'maxRate' must be a number > 0 (updates per second per symbol)");
        }
        return node.asDouble();
    }

    /** A field of the right message with the wrong shape. */
    private static final class BadField extends RuntimeException {
        BadField(String message) {
            super(message, null, false, false);
        }
    }
}
