package io.tickhub.server.provider.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * Stateless, thread-safe: builds request URIs under a configured base URL, and describes them
 * without their query for messages.
 */
public final class UpstreamUris {

    private UpstreamUris() {
    }

    /**
     * {@code base} + {@code path} + {@code ?name=value&...}, every name and value percent-encoded.
     *
     * @param base  absolute base URL; may have a path of its own ({@code https://finnhub.io/api/v1})
     * @param path  starts with {@code /}; any segment built from input must already be {@link #encode}d
     * @param query alternating names and values
     */
    public static URI resolve(URI base, String path, String... query) {
        if (query.length % 2 != 0) {
            throw new IllegalArgumentException("query needs name/value pairs");
        }
        String root = base.toString();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        StringJoiner params = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < query.length; i += 2) {
            params.add(encode(query[i]) + "=" + encode(query[i + 1]));
        }
        return URI.create(root + path + params);
    }

    /**
     * Percent-encodes one path segment or query value. Symbols need it: {@code ^GSPC} must go out as
     * {@code %5EGSPC}, {@code EURUSD=X} as {@code EURUSD%3DX}. (URLEncoder's {@code +} for a space is
     * never produced: normalised symbols and keys have no spaces.)
     */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * {@code host[:port]/path}: where a request went, without scheme, user info or query. The query
     * is where API keys travel, so this is the only form of a URI that goes into a message.
     */
    public static String describe(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getHost() + port + path;
    }
}
