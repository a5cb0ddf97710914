package io.tickhub.server.security;

import io.tickhub.core.access.AccessLimits;
import io.tickhub.core.access.Credentials;
import io.tickhub.core.access.Grant;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Decides who an HTTP request (a REST call, an SSE stream, a WebSocket upgrade) acts as, from its
 * credential, the mode, and where it comes from. Scopes are checked afterwards, per route.
 *
 * <p>Protected mode trusts a credential-less request only when it is local in every way a browser
 * or a proxy could fake: the peer is loopback, no proxy header says it was forwarded (a reverse
 * proxy on the same machine would make every client look local), and the {@code Host} names
 * loopback, so a DNS-rebinding page (its own host name resolving to 127.0.0.1) is not trusted.
 */
public final class AccessPolicy {

    public static final String NOT_AUTHENTICATED = "not_authenticated";
    public static final String PROTECTED_MODE = "protected_mode";

    static final String PROTECTED_MESSAGE = "Tickhub is running in protected mode: no API key or JWT is configured, "
            + "so it answers only clients on its own machine (loopback). To serve other addresses: set "
            + "TICKHUB_ADMIN_KEY (tickhub.security.admin-key, at least 32 characters) and create keys with "
            + "`bin/tickhub keys create`, or configure JWTs (tickhub.security.jwt.*); or, on a trusted network only, "
            + "set tickhub.security.mode=open. See docs/security.md.";

    private static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP",
            "X-Forwarded-Host");

    private final SecurityProperties.Mode mode;
    private final TokenCredentials credentials;
    private final Grant local;
    private final Grant anonymous;
    private final Set<String> allowedHosts;

    public AccessPolicy(SecurityProperties settings, TokenCredentials credentials, AccessLimits addressLimits) {
        this.mode = settings.mode();
        this.credentials = credentials;
        this.local = new Grant("local", Grant.Kind.LOCAL, settings.loopback(), null, addressLimits);
        this.anonymous = new Grant("anonymous", Grant.Kind.ANONYMOUS, settings.anonymous(), null, addressLimits);
        this.allowedHosts = settings.allowedHosts().stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The outcome of {@link #decide}. */
    public sealed interface Decision {
    }

    public record Allowed(Grant grant) implements Decision {
    }

    /** @param code stable: {@code not_authenticated}, {@code protected_mode}, or a {@link Credentials.Refused} code */
    public record Refused(HttpStatus status, String code, String message) implements Decision {
    }

    /**
     * @param queryToken the {@code token} query parameter where the route accepts one (streams), else null
     */
    public Decision decide(HttpHeaders headers, InetSocketAddress remote, String queryToken) {
        String token = token(headers, queryToken);
        if (token != null) {
            return verify(token);
        }
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) {
            return new Refused(HttpStatus.UNAUTHORIZED, Credentials.Refused.AUTH_FAILED,
                    "Unsupported Authorization scheme; send Authorization: Bearer <API key or JWT>");
        }
        return switch (mode) {
            case OPEN -> new Allowed(anonymous);
            case REQUIRED -> notAuthenticated();
            case PROTECTED -> {
                if (isLocal(headers, remote)) {
                    yield new Allowed(local);
                }
                yield credentials.anyConfigured() ? notAuthenticated()
                        : new Refused(HttpStatus.FORBIDDEN, PROTECTED_MODE, PROTECTED_MESSAGE);
            }
        };
    }

    /** Verifies a token presented some other way (the WebSocket {@code auth} action). */
    public Decision verify(String token) {
        return switch (credentials.verify(token)) {
            case Credentials.Granted granted -> new Allowed(granted.grant());
            case Credentials.Refused refused -> new Refused(HttpStatus.UNAUTHORIZED, refused.code(), refused.message());
        };
    }

    public SecurityProperties.Mode mode() {
        return mode;
    }

    private static Refused notAuthenticated() {
        return new Refused(HttpStatus.UNAUTHORIZED, NOT_AUTHENTICATED,
                "Authentication required: send Authorization: Bearer <API key or JWT> (or X-API-Key; "
                        + "?token= on streams)");
    }

    /**
     * Whether {@link #decide} will check a credential: a token in the headers or the query, or any
     * {@code Authorization} (even of a scheme it refuses).
     */
    public static boolean presentsCredential(HttpHeaders headers, String queryToken) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        return token(headers, queryToken) != null || (authorization != null && !authorization.isBlank());
    }

    /** The credential of a request: {@code Authorization: Bearer}, then {@code X-API-Key}, then the query. */
    static String token(HttpHeaders headers, String queryToken) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        String apiKey = headers.getFirst("X-API-Key");
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.strip();
        }
        return queryToken == null || queryToken.isBlank() ? null : queryToken;
    }

    boolean isLocal(HttpHeaders headers, InetSocketAddress remote) {
        InetAddress address = remote == null ? null : remote.getAddress();
        if (address == null || !address.isLoopbackAddress()) {
            return false;
        }
        for (String header : FORWARDING_HEADERS) {
            if (headers.containsHeader(header)) {
                return false;
            }
        }
        String host = headers.getFirst(HttpHeaders.HOST);
        return host == null || hostIsLoopback(host) || allowedHosts.contains(hostName(host));
    }

    static boolean hostIsLoopback(String host) {
        String name = hostName(host);
        if (name.equals("localhost") || name.endsWith(".localhost") || name.equals("::1")) {
            return true;
        }
        // 127.0.0.0/8 as a literal; anything else (a name) is not trusted, whatever it resolves to.
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** {@code "[::1]:8080"} → {@code "::1"}; {@code "Localhost:80"} → {@code "localhost"}. */
    static String hostName(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
            h = h.substring(0, colon);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
