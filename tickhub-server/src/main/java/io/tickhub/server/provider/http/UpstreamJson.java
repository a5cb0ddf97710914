package io.tickhub.server.provider.http;

import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.provider.ProviderException.Kind;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless, thread-safe: reads upstream JSON into a tree and picks checked values out of it;
 * anything missing or malformed is a {@code BAD_RESPONSE}.
 */
public final class UpstreamJson {

    private static final JsonMapper JSON = JsonMapper.shared();

    private UpstreamJson() {
    }

    /**
     * The body as a JSON tree. The parser's own message is left out: it quotes the offending
     * input, which is upstream text we have not redacted.
     */
    public static JsonNode parse(UpstreamResponse response) throws ProviderException {
        try {
            JsonNode root = JSON.readTree(response.body());
            if (root == null || root.isMissingNode()) {
                throw badResponse("empty body from " + response.where());
            }
            return root;
        } catch (JacksonException e) {
            throw badResponse("malformed JSON (" + response.body().length() + " chars) from " + response.where());
        }
    }

    /** {@code node.field} as a finite price above zero, given as a JSON number. */
    public static double price(JsonNode node, String field, UpstreamResponse response) throws ProviderException {
        JsonNode value = node.path(field);
        if (!value.isNumber() || !(value.doubleValue() > 0) || Double.isInfinite(value.doubleValue())) {
            throw badResponse("no positive number '" + field + "' from " + response.where());
        }
        return value.doubleValue();
    }

    /** {@code node.field} as an instant, given as positive epoch seconds. */
    public static Instant epochSeconds(JsonNode node, String field, UpstreamResponse response)
            throws ProviderException {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
            throw badResponse("no epoch seconds '" + field + "' from " + response.where());
        }
        return Instant.ofEpochSecond(value.longValue());
    }

    public static ProviderException badResponse(String message) {
        return new ProviderException(Kind.BAD_RESPONSE, message);
    }
}
