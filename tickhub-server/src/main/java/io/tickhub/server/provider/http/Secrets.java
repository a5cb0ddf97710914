package io.tickhub.server.provider.http;

/**
 * Stateless, thread-safe: keeps API keys out of text that leaves an adapter (exception messages,
 * logs, stored payloads).
 *
 * <p>Some upstreams echo the caller's key back: Alpha Vantage's daily rate-limit answer reads
 * "We have detected your API key as ABC123 and our standard API rate limit is 25 requests per
 * day". Any upstream text we quote therefore passes through {@link #redact} first.
 */
public final class Secrets {

    /** What a redacted key is replaced with. */
    public static final String MASK = "***";

    /** Longest upstream text quoted in an exception message. */
    static final int EXCERPT_CHARS = 200;

    private Secrets() {
    }

    /** {@code text} with every occurrence of {@code secret} replaced by {@link #MASK}; null stays null. */
    public static String redact(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, MASK);
    }

    /**
     * Redacted, single-line and at most {@value #EXCERPT_CHARS} characters: fit for a health message.
     * Redaction comes before truncation, so a key cut in half by the limit cannot survive.
     */
    public static String excerpt(String text, String secret) {
        if (text == null) {
            return "";
        }
        String clean = redact(text, secret).replaceAll("\\s+", " ").strip();
        return clean.length() <= EXCERPT_CHARS ? clean : clean.substring(0, EXCERPT_CHARS) + "...";
    }
}
