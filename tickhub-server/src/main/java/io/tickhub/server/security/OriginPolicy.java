package io.tickhub.server.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser origins may use the hub: the one allow-list ({@code tickhub.http.cors-origins}) that CORS,
 * the WebSocket upgrade, the SSE stream and the cross-site request check all read.
 *
 * <p>A page of the hub itself (its {@code Origin} names the host and port of the request's {@code Host}
 * header) is always allowed, so the dashboard keeps working whatever the list holds. {@code *} in the list
 * allows every origin. Origins are compared normalised: {@code scheme://host[:port]}, lower case, without a
 * trailing slash or the scheme's default port, the form browsers send.
 */
public final class OriginPolicy {

    /** In the allow-list: every origin may use the hub (an explicit choice, logged at WARN on start-up). */
    public static final String ANY = "*";

    private final Set<String> listed;
    private final boolean any;

    private OriginPolicy(Set<String> listed, boolean any) {
        this.listed = Collections.unmodifiableSet(new LinkedHashSet<>(listed)); // in the configured order
        this.any = any;
    }

    /**
     * The policy for the configured list.
     *
     * @throws IllegalArgumentException naming the entry when one is not an origin
     */
    public static OriginPolicy of(Collection<String> configured) {
        Set<String> listed = new LinkedHashSet<>();
        boolean any = false;
        for (String entry : configured) {
            String trimmed = entry == null ? "" : entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.equals(ANY)) {
                any = true;
            } else {
                listed.add(normalise(trimmed));
            }
        }
        return new OriginPolicy(listed, any);
    }

    /** True when {@code *} is in the list. */
    public boolean anyOrigin() {
        return any;
    }

    /** True when nothing is listed: only the hub's own pages (and non-browser clients) may use it. */
    public boolean isEmpty() {
        return listed.isEmpty() && !any;
    }

    /** The allow-list as CORS takes it: the normalised origins, or {@code *}. */
    public List<String> corsOrigins() {
        return any ? List.of(ANY) : List.copyOf(listed);
    }

    /** True when {@code origin} (an {@code Origin} header) is in the allow-list, or the list holds {@code *}. */
    public boolean isListed(String origin) {
        return any || parse(origin).map(listed::contains).orElse(false);
    }

    /**
     * True when a browser page from {@code origin} may use the hub reached at {@code host} (the request's
     * {@code Host} header): it is the hub's own origin or in the allow-list. Callers let a request with no
     * {@code Origin} at all through before asking: that is not a browser's cross-origin request.
     */
    public boolean allows(String origin, String host) {
        return isListed(origin) || isSameOrigin(origin, host);
    }

    /**
     * True when {@code origin} names the host and port of {@code host}. The scheme is not compared, as Go's
     * {@code http.CrossOriginProtection} does not: behind a proxy that ends TLS the page is {@code https}
     * and the request to the hub {@code http}, with the same {@code Host}.
     */
    static boolean isSameOrigin(String origin, String host) {
        if (origin == null || host == null || host.isBlank()) {
            return false;
        }
        Optional<URI> page = parse(origin).flatMap(OriginPolicy::uri);
        if (page.isEmpty()) {
            return false;
        }
        Optional<URI> hub = uri(page.get().getScheme() + "://" + host.trim());
        return hub.isPresent() && hub.get().getRawPath().isEmpty()
                && authority(page.get()).equals(authority(hub.get()));
    }

    /**
     * {@code origin} in the form browsers send: {@code scheme://host[:port]}, lower case, no trailing slash,
     * no default port ({@code HTTP://Example.com:80/} is {@code http://example.com}).
     *
     * @throws IllegalArgumentException when it is not an {@code http} or {@code https} origin (a path, a
     *                                  query, user info, no host)
     */
    public static String normalise(String origin) {
        return parse(origin).orElseThrow(() -> new IllegalArgumentException("'" + origin
                + "' is not an origin: scheme://host[:port] with scheme http or https, and no path"));
    }

    private static Optional<String> parse(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        String trimmed = origin.trim();
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return uri(trimmed).filter(u -> u.getRawPath().isEmpty())
                .map(u -> u.getScheme() + "://" + authority(u));
    }

    /** An http(s) URI with a host, no user info, query or fragment; scheme and host in lower case. */
    private static Optional<URI> uri(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            return Optional.of(new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(),
                    uri.getPath(), null, null));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** {@code host[:port]}, without the scheme's default port. */
    private static String authority(URI uri) {
        int defaultPort = uri.getScheme().equals("https") ? 443 : 80;
        int port = uri.getPort();
        return port < 0 || port == defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }
}
