package io.tickhub.server.provider.finnhub;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Finnhub's inbound frames and writes its subscribe/unsubscribe frames. Stateless and
 * thread-safe. Never throws on input: whatever cannot be read becomes {@link FinnhubStreamFrame.Malformed}.
 */
final class FinnhubStreamCodec {

    private final JsonMapper json;

    FinnhubStreamCodec(JsonMapper json) {
        this.json = json;
    }

    FinnhubStreamFrame decode(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            return new FinnhubStreamFrame.Malformed("not JSON");
        }
        if (root == null || !root.isObject()) {
            return new FinnhubStreamFrame.Malformed("not a JSON object");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isString()) {
            return new FinnhubStreamFrame.Malformed("no 'type'");
        }
        return switch (type.asString()) {
            case "trade" -> trades(root.get("data"));
            case "ping" -> new FinnhubStreamFrame.Ping();
            case "error" -> new FinnhubStreamFrame.Error(root.path("msg").asString("(no message)"));
            default -> new FinnhubStreamFrame.Other(type.asString());
        };
    }

    String subscribe(String symbol) {
        return frame("subscribe", symbol);
    }

    String unsubscribe(String symbol) {
        return frame("unsubscribe", symbol);
    }

    private String frame(String type, String symbol) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", type);
        node.put("symbol", symbol);
        return json.writeValueAsString(node);
    }

    private static FinnhubStreamFrame trades(JsonNode data) {
        if (data == null || !data.isArray()) {
            return new FinnhubStreamFrame.Malformed("trade frame without a 'data' list");
        }
        List<FinnhubStreamFrame.Trade> trades = new ArrayList<>(data.size());
        int skipped = 0;
        for (JsonNode entry : data) {
            FinnhubStreamFrame.Trade trade = trade(entry);
            if (trade == null) {
                skipped++;
            } else {
                trades.add(trade);
            }
        }
        return new FinnhubStreamFrame.Trades(List.copyOf(trades), skipped);
    }

    /** One entry of {@code data}, or null when it lacks a symbol, a finite price or an integral time. */
    private static FinnhubStreamFrame.Trade trade(JsonNode entry) {
        if (entry == null || !entry.isObject()) {
            return null;
        }
        JsonNode s = entry.get("s");
        JsonNode p = entry.get("p");
        JsonNode t = entry.get("t");
        JsonNode v = entry.get("v");
        if (s == null || !s.isString() || s.asString().isBlank()
                || p == null || !p.isNumber() || !Double.isFinite(p.doubleValue())
                || t == null || !t.isIntegralNumber() || !t.canConvertToLong()) {
            return null;
        }
        double volume = v != null && v.isNumber() ? v.doubleValue() : 0;
        return new FinnhubStreamFrame.Trade(s.asString(), p.doubleValue(), t.longValue(), volume);
    }
}
