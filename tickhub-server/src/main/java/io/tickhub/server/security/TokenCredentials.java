package io.tickhub.server.security;

import io.tickhub.core.access.AccessLimits;
import io.tickhub.core.access.Credentials;
import io.tickhub.core.access.Grant;
import io.tickhub.core.access.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The hub's credentials: the bootstrap admin key, API keys ({@code thk_...}) and, when configured,
 * JWTs. A key's grant carries its own limits over the defaults. Nothing here touches the database
 * or blocks (JWKS fetches aside, which are cached and rate limited).
 */
public final class TokenCredentials implements Credentials {

    static final String BOOTSTRAP_SUBJECT = "admin-bootstrap";

    private final byte[] bootstrapHash;
    private final ApiKeyStore keys;
    private final JwtVerifier jwt;
    private final AccessLimits keyLimits;

    /**
     * @param adminKey the bootstrap admin key, or null
     * @param jwt      null when JWTs are not accepted
     */
    public TokenCredentials(String adminKey, ApiKeyStore keys, JwtVerifier jwt, AccessLimits keyLimits) {
        this.bootstrapHash = adminKey == null ? null : ApiKeyCodec.sha256Hex(adminKey).getBytes(StandardCharsets.US_ASCII);
        this.keys = keys;
        this.jwt = jwt;
        this.keyLimits = keyLimits;
    }

    @Override
    public Verdict verify(String token) {
        if (token == null || token.isBlank()) {
            return new Refused(Refused.AUTH_FAILED, "Empty credential");
        }
        if (bootstrapHash != null && MessageDigest.isEqual(
                ApiKeyCodec.sha256Hex(token).getBytes(StandardCharsets.US_ASCII), bootstrapHash)) {
            return new Granted(new Grant(BOOTSTRAP_SUBJECT, Grant.Kind.BOOTSTRAP, Scope.ALL, null, keyLimits));
        }
        if (token.startsWith(ApiKeyCodec.PREFIX)) {
            return verifyKey(token);
        }
        if (jwt != null && token.chars().filter(c -> c == '.').count() == 2) {
            return jwt.verify(token);
        }
        return new Refused(Refused.AUTH_FAILED, jwt == null
                ? "Not a Tickhub API key (thk_...); JWTs are not enabled on this hub"
                : "Neither a Tickhub API key (thk_...) nor a JWT");
    }

    private Verdict verifyKey(String token) {
        var parsed = ApiKeyCodec.parse(token).orElse(null);
        if (parsed == null) {
            return new Refused(Refused.AUTH_FAILED, "Malformed API key: expected thk_<12 characters>_<43 characters>");
        }
        ApiKey key = keys.active(parsed.id()).orElse(null);
        // One answer for unknown, revoked and wrong-secret keys: the id alone is not a secret, but
        // telling them apart would let anyone probe which ids exist.
        if (key == null || !ApiKeyCodec.matches(parsed.secret(), key.secretHash())) {
            return new Refused(Refused.AUTH_FAILED, "Unknown or revoked API key");
        }
        return new Granted(new Grant(key.subject(), Grant.Kind.KEY, key.scopes(), null, key.limits().over(keyLimits)));
    }

    /** Whether any credential can be presented at all (protected mode refuses remote clients otherwise). */
    public boolean anyConfigured() {
        return bootstrapHash != null || jwt != null || keys.activeCount() > 0;
    }
}
