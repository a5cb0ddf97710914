package io.tickhub.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads the hub's frames into {@link HubMessage}s and writes the client's actions. Stateless. */
final class MessageCodec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MessageCodec() {
    }

    static JsonMapper json() {
        return JSON;
    }

    /** One frame: one message, or a {@code ?batch=1} array of them. Unknown types come back as {@link HubMessage.Other}. */
    static List<HubMessage> read(String frame, String epoch) {
        JsonNode root = JSON.readTree(frame);
        List<HubMessage> out = new ArrayList<>(root.isArray() ? root.size() : 1);
        if (root.isArray()) {
            for (JsonNode node : root) {
                out.add(message(node, epoch));
            }
        } else {
            out.add(message(root, epoch));
        }
        return out;
    }

    private static HubMessage message(JsonNode m, String epoch) {
        String type = text(m, "type");
        if (type == null) {
            return new HubMessage.Other("unknown");
        }
        return switch (type) {
            case "price_update" -> new HubMessage.Update(quote(m, epoch));
            case "bar" -> new HubMessage.BarUpdate(bar(m));
            case "news" -> new HubMessage.NewsItem(news(m.path("data")));
            case "connection" -> new HubMessage.Connected(text(m, "client_id"), text(m, "epoch"),
                    m.path("heartbeat_ms").asLong(0), "required".equals(text(m, "auth")));
            case "recovered" -> new HubMessage.Recovered(text(m, "symbol"), m.path("from").asLong(0),
                    m.path("to").asLong(0), m.path("complete").asBoolean(false), text(m, "epoch"));
            case "heartbeat" -> new HubMessage.Heartbeat(seqs(m.path("seqs")));
            case "error" -> new HubMessage.Error(new HubError(text(m, "code"), text(m, "message"), strings(m.path("symbols"))));
            case "auth" -> new HubMessage.Auth(text(m, "status"), text(m, "expires_at"));
            default -> new HubMessage.Other(type);
        };
    }

    static Quote quote(JsonNode m, String epoch) {
        JsonNode d = m.path("data");
        return new Quote(text(m, "symbol"), m.path("seq").asLong(0), m.path("ts").asLong(0),
                d.path("price").asDouble(Double.NaN), d.path("volume").asDouble(0), d.path("timestamp").asLong(0),
                decimal(d, "bid"), decimal(d, "ask"), decimal(d, "change"), decimal(d, "changePercent"),
                text(d, "provider"), m.path("snapshot").asBoolean(false), m.path("conflated").asLong(0), 0, false, epoch);
    }

    /** A tick of {@code GET /api/v1/history/{symbol}}. */
    static Quote historyTick(String symbol, JsonNode t, String epoch) {
        String providerTime = text(t, "providerTime");
        long timestamp = providerTime == null ? 0 : Instant.parse(providerTime).toEpochMilli();
        return new Quote(symbol, t.path("seq").asLong(0), t.path("ts").asLong(0), t.path("price").asDouble(Double.NaN),
                t.path("volume").asDouble(0), timestamp, decimal(t, "bid"), decimal(t, "ask"), null, null,
                text(t, "provider"), false, 0, 0, true, epoch);
    }

    /** The body of {@code GET /api/v1/quotes/{symbol}}: a latest quote, marked a snapshot. */
    static Quote latestQuote(JsonNode q, String epoch) {
        String providerTime = text(q, "providerTime");
        long timestamp = providerTime == null ? 0 : Instant.parse(providerTime).toEpochMilli();
        return new Quote(text(q, "symbol"), q.path("seq").asLong(0), q.path("ts").asLong(0),
                q.path("price").asDouble(Double.NaN), q.path("volume").asDouble(0), timestamp, decimal(q, "bid"),
                decimal(q, "ask"), decimal(q, "change"), decimal(q, "changePercent"), text(q, "provider"), true, 0, 0,
                false, epoch);
    }

    private static Bar bar(JsonNode m) {
        JsonNode d = m.path("data");
        return new Bar(text(m, "symbol"), text(m, "interval"), Instant.parse(d.path("t").asString()),
                d.path("o").asDouble(0), d.path("h").asDouble(0), d.path("l").asDouble(0), d.path("c").asDouble(0),
                d.path("v").asDouble(0), d.path("n").asLong(0), d.path("closed").asBoolean(false),
                d.path("revised").asBoolean(false));
    }

    private static News news(JsonNode d) {
        String published = text(d, "published");
        return new News(text(d, "id"), strings(d.path("symbols")), text(d, "headline"), text(d, "summary"),
                text(d, "source"), text(d, "url"), published == null ? null : Instant.parse(published));
    }

    static String subscribe(List<String> symbols, List<String> channels, Map<String, Long> resume, String epoch) {
        ObjectNode m = JSON.createObjectNode();
        m.put("action", "subscribe");
        symbols.forEach(m.putArray("symbols")::add);
        channels.forEach(m.putArray("channels")::add);
        if (!resume.isEmpty()) {
            ObjectNode r = m.putObject("resume");
            resume.forEach(r::put);
            if (epoch != null) {
                m.put("epoch", epoch);
            }
        }
        return JSON.writeValueAsString(m);
    }

    static String unsubscribe(List<String> symbols, List<String> channels) {
        ObjectNode m = JSON.createObjectNode();
        m.put("action", "unsubscribe");
        symbols.forEach(m.putArray("symbols")::add);
        channels.forEach(m.putArray("channels")::add);
        return JSON.writeValueAsString(m);
    }

    static String auth(String token) {
        ObjectNode m = JSON.createObjectNode();
        m.put("action", "auth");
        m.put("token", token);
        return JSON.writeValueAsString(m);
    }

    private static Map<String, Long> seqs(JsonNode node) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.put(e.getKey(), e.getValue().asLong(0));
        }
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : node) {
            out.add(s.asString());
        }
        return List.copyOf(out);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asString();
    }

    private static Double decimal(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asDouble() : null;
    }
}
