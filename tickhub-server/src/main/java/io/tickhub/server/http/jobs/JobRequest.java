package io.tickhub.server.http.jobs;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tickhub.server.http.error.ApiException;
import io.tickhub.server.http.error.InvalidParam;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A job request body ({@code {"symbols": [...], "interval": seconds, "provider": name|null}}) read
 * the way FastAPI read it for systems B and C: every field checked, every failure listed in one 422
 * with pydantic's error types, so their clients parse it unchanged.
 */
@Schema(description = "A polling job: which symbols, how often, on which provider")
public record JobRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Symbols, case-insensitive",
                example = "[\"AAPL\", \"MSFT\"]") List<String> symbols,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Seconds between polls; on a streaming "
                + "provider, the longest silence before a symbol counts as stale", example = "60", minimum = "1")
        long interval,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, description = "Provider name; null or left out: "
                + "`tickhub.jobs.default-provider`", example = "yfinance") String provider) {

    /** @throws ApiException 422 listing every invalid field */
    public static JobRequest parse(Map<String, Object> body) {
        if (body == null) {
            throw ApiException.invalid(new InvalidParam("missing", List.of("body"), "Field required", null, null));
        }
        List<InvalidParam> errors = new ArrayList<>();
        List<String> symbols = symbols(body, errors);
        Long interval = interval(body, errors);
        String provider = null;
        Object p = body.get("provider");
        if (p != null && !(p instanceof String)) {
            errors.add(field("string_type", "provider", "Input should be a valid string", p));
        } else {
            provider = (String) p;
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new JobRequest(symbols, interval, provider);
    }

    private static List<String> symbols(Map<String, Object> body, List<InvalidParam> errors) {
        if (!body.containsKey("symbols") || body.get("symbols") == null) {
            errors.add(field("missing", "symbols", "Field required", null));
            return null;
        }
        if (!(body.get("symbols") instanceof List<?> list)) {
            // A bare string is not split into characters or taken as one symbol: the contract says a list.
            errors.add(field("list_type", "symbols", "Input should be a valid list", body.get("symbols")));
            return null;
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s) {
                out.add(s);
            } else {
                errors.add(new InvalidParam("string_type", List.of("body", "symbols", i), "Input should be a valid string",
                        list.get(i), null));
            }
        }
        return out;
    }

    /** Seconds; like pydantic's lax int: 5, 5.0 and "5" are 5, 5.5 and "five" are not. */
    private static Long interval(Map<String, Object> body, List<InvalidParam> errors) {
        Object v = body.get("interval");
        if (v == null) {
            errors.add(field("missing", "interval", "Field required", null));
            return null;
        }
        try {
            BigDecimal d = v instanceof Number n ? new BigDecimal(n.toString())
                    : v instanceof String s ? new BigDecimal(s.trim()) : null;
            if (d != null) {
                return d.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // falls through to the error below
        }
        errors.add(field("int_parsing", "interval", "Input should be a valid integer", v));
        return null;
    }

    private static InvalidParam field(String type, String name, String msg, Object input) {
        return new InvalidParam(type, List.of("body", name), msg, input, null);
    }
}
