package io.tickhub.server.http.error;

import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A client error with the status and message the client should see. Thrown by handlers;
 * rendered by {@link ApiErrorHandler} in the error shape of the route it happened on.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<InvalidParam> invalidParams;
    private final Duration retryAfter;
    private final String code;

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of(), null, null);
    }

    private ApiException(HttpStatus status, String detail, List<InvalidParam> invalidParams, Duration retryAfter,
                         String code) {
        super(detail, null, false, false);
        this.status = status;
        this.invalidParams = List.copyOf(invalidParams);
        this.retryAfter = retryAfter;
        this.code = code;
    }

    /** The same error with a {@code Retry-After} header (429, 503). */
    public ApiException retryAfter(Duration wait) {
        return new ApiException(status, detail(), invalidParams, wait, code);
    }

    /** A refusal at one of the hub's limits, with the limit's stable code in the body's {@code code}. */
    public static ApiException limit(HttpStatus status, String code, String detail) {
        return new ApiException(status, detail, List.of(), null, code);
    }

    /** The stable code of a refusal at a limit, or null. */
    public String code() {
        return code;
    }

    /** How long the client should wait before trying again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail);
    }

    /** 422 with the failures FastAPI would have listed. */
    public static ApiException invalid(List<InvalidParam> params) {
        String detail = String.join("; ", params.stream().map(InvalidParam::describe).toList());
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, detail, params, null, null);
    }

    public static ApiException invalid(InvalidParam param) {
        return invalid(List.of(param));
    }

    public HttpStatus status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }

    public List<InvalidParam> invalidParams() {
        return invalidParams;
    }
}
