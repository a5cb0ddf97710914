package io.tickhub.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * API keys as {@code thk_<id>_<secret>}: a 12-character public id (how the key is listed, revoked
 * and logged) and a 256-bit random secret. Only SHA-256 of the secret is stored. A slow password
 * hash (bcrypt, Argon2) protects guessable passwords; a 256-bit random secret cannot be guessed, so
 * one SHA-256 per request is enough, as GitHub's and Stripe's tokens do, and costs microseconds
 * rather than the tens of milliseconds a password hash would on every request.
 */
public final class ApiKeyCodec {

    public static final String PREFIX = "thk_";
    static final int ID_LENGTH = 12;
    private static final int SECRET_BYTES = 32;
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int SECRET_LENGTH = 43; // 32 bytes, base64url without padding

    private final SecureRandom random;

    public ApiKeyCodec(SecureRandom random) {
        this.random = random;
    }

    /** A new key: the token is shown to its owner once; the id and hash are what the hub keeps. */
    public record Issued(String id, String token, String secretHash) {
    }

    /** The two parts of a presented key. */
    public record Parsed(String id, String secret) {
    }

    public Issued issue() {
        char[] id = new char[ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        byte[] secretBytes = new byte[SECRET_BYTES];
        random.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        String idText = new String(id);
        return new Issued(idText, PREFIX + idText + "_" + secret, sha256Hex(secret));
    }

    /** The id and secret of a well-formed key; empty for anything else. */
    public static Optional<Parsed> parse(String token) {
        if (token == null || token.length() != PREFIX.length() + ID_LENGTH + 1 + SECRET_LENGTH
                || !token.startsWith(PREFIX) || token.charAt(PREFIX.length() + ID_LENGTH) != '_') {
            return Optional.empty();
        }
        String id = token.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
        String secret = token.substring(PREFIX.length() + ID_LENGTH + 1);
        return Optional.of(new Parsed(id, secret));
    }

    /** Whether {@code secret} hashes to {@code expectedHex}, in time independent of where they differ. */
    public static boolean matches(String secret, String expectedHex) {
        return MessageDigest.isEqual(sha256Hex(secret).getBytes(StandardCharsets.US_ASCII),
                expectedHex.getBytes(StandardCharsets.US_ASCII));
    }

    public static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
