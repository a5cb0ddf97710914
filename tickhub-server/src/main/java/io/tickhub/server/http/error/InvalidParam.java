package io.tickhub.server.http.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * One validation failure, in the shape FastAPI (pydantic v2) reports it, so clients of the
 * systems Tickhub replaces parse it unchanged:
 * {@code {"type":"greater_than_equal","loc":["query","limit"],"msg":"...","input":"0","ctx":{"ge":1}}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One invalid parameter or field, as FastAPI (pydantic v2) reports it")
public record InvalidParam(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "int_parsing") String type,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                   description = "Where: `query`, `path` or `body`, then the name (and list index)")
                           List<Object> loc,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                   example = "Input should be a valid integer") String msg,
                           @Schema(description = "The value sent, when there was one") Object input,
                           @Schema(description = "The bound broken, e.g. `{\"ge\": 1}`") Map<String, Object> ctx) {

    public static InvalidParam query(String name, String type, String msg, Object input) {
        return new InvalidParam(type, List.of("query", name), msg, input, null);
    }

    public static InvalidParam path(String name, String type, String msg, Object input) {
        return new InvalidParam(type, List.of("path", name), msg, input, null);
    }

    public InvalidParam withCtx(String key, Object value) {
        return new InvalidParam(type, loc, msg, input, Map.of(key, value));
    }

    /** {@code "query.limit: Input should be ..."} for a one-line problem detail. */
    public String describe() {
        return String.join(".", loc.stream().map(String::valueOf).toList()) + ": " + msg;
    }
}
