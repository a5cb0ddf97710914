package io.tickhub.server.http.error;

import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * The {@code detail} of an error Spring raised before a handler ran. Spring's reasons may name internal types
 * ({@code "... not supported for bodyType=java.util.Map<java.lang.String, java.lang.Object>"}): a reason that
 * names a Java type or package is replaced by a fixed text, so no answer shows the hub's internals.
 */
final class ClientSafeReasons {

    /** A qualified Java name ({@code java.util.Map}, {@code io.tickhub.…}, {@code tools.jackson.…}) or a bodyType. */
    private static final Pattern INTERNAL = Pattern.compile(
            "bodyType=|\\b(java|javax|jakarta|org|io|com|tools|reactor|kotlin)\\.[a-z][\\w$]*\\.[\\w.$<>]+");

    private ClientSafeReasons() {
    }

    /** {@code reason} when it names nothing internal, else {@code fallback}. */
    static String of(String reason, String fallback) {
        return reason == null || reason.isBlank() || INTERNAL.matcher(reason).find() ? fallback : reason;
    }

    /** 415 in the client's terms: what it sent and what to send. */
    static String unsupported(UnsupportedMediaTypeStatusException e) {
        MediaType sent = e.getContentType();
        return (sent == null ? "This content type" : "Content type '" + sent + "'")
                + " is not supported; send the body as application/json";
    }
}
