package io.tickhub.server.http.error;

/**
 * Parses query parameters the way FastAPI validates them, so a bad value gets the same 422
 * (type, message, context) the clients of the original systems expect.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /**
     * {@code raw} as an int in {@code [min, max]}, or {@code absent} when the parameter was not sent.
     *
     * @throws ApiException 422 naming the parameter when it is not an integer or out of range
     */
    public static Integer optionalInt(String name, String raw, int min, int max, Integer absent) {
        if (raw == null) {
            return absent;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(InvalidParam.query(name, "int_parsing",
                    "Input should be a valid integer, unable to parse string as an integer", raw));
        }
        if (value < min) {
            throw ApiException.invalid(InvalidParam.query(name, "greater_than_equal",
                    "Input should be greater than or equal to " + min, raw).withCtx("ge", min));
        }
        if (value > max) {
            throw ApiException.invalid(InvalidParam.query(name, "less_than_equal",
                    "Input should be less than or equal to " + max, raw).withCtx("le", max));
        }
        return value;
    }
}
