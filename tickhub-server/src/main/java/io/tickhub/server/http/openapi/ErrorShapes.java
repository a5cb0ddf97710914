package io.tickhub.server.http.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tickhub.server.http.error.InvalidParam;
import java.util.List;

/**
 * The two error bodies {@link io.tickhub.server.http.error.ErrorBodies} writes, as types the OpenAPI description
 * names ({@code Problem}, {@code FastApiError}), so a generated client can read every error answer.
 * Documentation only: the hub writes maps, and OpenApiDocumentTest checks real answers against these.
 */
final class ErrorShapes {

    private ErrorShapes() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL) // code and errors only when there are some
    @Schema(name = "Problem", description = "RFC 9457 problem details: every error of the native routes (/api/v1)")
    record Problem(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "about:blank") String type,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Unprocessable Content") String title,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "422") int status,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "query.limit: Input should be a valid integer")
            String detail,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "/api/v1/news") String instance,
            @Schema(description = "A stable machine-readable reason (`rate_limited`, `not_authenticated`, ...); "
                    + "see docs/security.md and docs/operations.md") String code,
            @ArraySchema(arraySchema = @Schema(description = "Every invalid parameter or field (422)"))
            List<InvalidParam> errors) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL) // code only where the hub adds one
    @Schema(name = "FastApiError", description = "FastAPI's error body, kept by the drop-in routes of the systems "
            + "Tickhub replaces: `detail` is a message, or for a 422 the list of invalid parameters")
    record FastApiError(
            // Not a oneOf of string and array: OpenAPI Generator's Java client (library native) cannot compile that.
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A message (a string), or for most "
                    + "422s the list of invalid parameters, each an `InvalidParam`") Object detail,
            @Schema(description = "A stable machine-readable reason where the hub adds one (`rate_limited`, ...)")
            String code) {
    }
}
