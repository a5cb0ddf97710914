package io.tickhub.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Headers on every answer of the hub, set as the answer is committed, whoever wrote it (a handler, a
 * filter's refusal, an error handler, a WebSocket handshake):
 * <ul>
 *   <li>every answer: {@code X-Content-Type-Options: nosniff}, so a browser never runs JSON or an SSE
 *       stream as a script or a page;</li>
 *   <li>every HTML page (the dashboard, Swagger UI, an error page): the {@link #CONTENT_SECURITY_POLICY},
 *       {@code X-Frame-Options: DENY} and {@code Referrer-Policy: no-referrer}.</li>
 * </ul>
 * It wraps the whole {@link HttpHandler} rather than being a {@code WebFilter}, so the answers of filters
 * ordered before it get the headers too.
 */
public final class SecurityHeaders {

    /**
     * The dashboard's one inline handler (the skip link in {@code src/main/frontend/index.html}): allowed by
     * its hash, so no other inline script runs. A test checks that the page has no other.
     */
    static final String SKIP_LINK_HANDLER = "document.getElementById('view').focus(); return false;";

    /**
     * What the dashboard and Swagger UI load: scripts, styles, fonts and images from the hub itself;
     * {@code fetch}, WebSocket and EventSource to the hub itself ({@code 'self'} covers {@code ws:} and
     * {@code wss:} to the same host in CSP 3); {@code data:} images (the dashboard's icon, Swagger UI's
     * icons). Styles may also be inline: lightweight-charts adds a {@code <style>} for its attribution
     * logo, and inline styles cannot run code. No page may frame the hub ({@code frame-ancestors 'none'},
     * against clickjacking), and no plugin, {@code <base>} or foreign form target is allowed.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-hashes' '" + sha256(SKIP_LINK_HANDLER) + "'; "
            + "style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; "
            + "connect-src 'self'; "
            + "object-src 'none'; "
            + "base-uri 'none'; "
            + "form-action 'self'; "
            + "frame-ancestors 'none'";

    static final String X_CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    static final String X_FRAME_OPTIONS = "X-Frame-Options";
    static final String REFERRER_POLICY = "Referrer-Policy";

    private SecurityHeaders() {
    }

    /** {@code handler}, with the headers added to each of its answers. */
    public static HttpHandler around(HttpHandler handler) {
        return (request, response) -> {
            response.beforeCommit(() -> Mono.fromRunnable(() -> add(response)));
            return handler.handle(request, response);
        };
    }

    static void add(ServerHttpResponse response) {
        HttpHeaders headers = response.getHeaders();
        headers.set(X_CONTENT_TYPE_OPTIONS, "nosniff");
        MediaType type = headers.getContentType();
        if (type != null && (type.isCompatibleWith(MediaType.TEXT_HTML)
                || type.isCompatibleWith(MediaType.APPLICATION_XHTML_XML))) {
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set(X_FRAME_OPTIONS, "DENY");
            headers.set(REFERRER_POLICY, "no-referrer");
        }
    }

    private static String sha256(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
