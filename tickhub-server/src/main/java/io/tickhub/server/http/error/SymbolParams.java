package io.tickhub.server.http.error;

import io.tickhub.core.quote.InvalidSymbolException;
import io.tickhub.core.quote.Symbols;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Symbols in paths and comma-separated query parameters, validated with a 422 that names the parameter. */
public final class SymbolParams {

    private SymbolParams() {
    }

    /**
     * Comma-separated symbols, normalised, without repeats or blanks, in the order given.
     *
     * @throws ApiException 422 for an invalid symbol or more than {@code max}
     */
    public static List<String> list(String name, String csv, int max) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String part : csv.split(",", -1)) {
            if (!part.isBlank()) {
                out.add(normalize(part, "query", name));
            }
        }
        if (out.size() > max) {
            throw ApiException.invalid(InvalidParam.query(name, "too_long",
                    "At most " + max + " symbols per request", out.size()));
        }
        return new ArrayList<>(out);
    }

    /** @param where {@code path} or {@code query} */
    public static String normalize(String raw, String where, String name) {
        try {
            return Symbols.normalize(raw);
        } catch (InvalidSymbolException e) {
            String message = "Invalid symbol '" + raw + "': " + e.getMessage();
            throw ApiException.invalid("path".equals(where)
                    ? InvalidParam.path(name, "invalid_symbol", message, raw)
                    : InvalidParam.query(name, "invalid_symbol", message, raw));
        }
    }
}
