package io.tickhub.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tickhub.core.access.AccessLimits;
import io.tickhub.core.access.Credentials;
import io.tickhub.core.access.Grant;
import io.tickhub.core.access.Scope;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies JSON Web Tokens with Nimbus JOSE+JWT: the signature (HMAC with the shared secret, or
 * RSA/EC/EdDSA with the issuer's published keys, re-read when a token names a key id the hub has not
 * seen, so the issuer can rotate keys without a restart), then the claims: {@code exp} and
 * {@code sub} required, {@code nbf}, {@code iss} and {@code aud} when configured, with the
 * configured clock skew on the hub's {@link Clock}.
 *
 * <p>Scopes come from {@code scope} (a space-separated string, RFC 8693/OAuth style) or
 * {@code scopes} / {@code scp} (a list); names Tickhub does not know are ignored, as they may be
 * another service's.
 */
public final class JwtVerifier {

    private static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    private static final Set<JWSAlgorithm> PUBLIC_KEY = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.Ed25519, JWSAlgorithm.EdDSA);
    /** JWKS fetches happen on the verifying thread (rarely: cached, rate limited), so they must be short. */
    private static final int JWKS_TIMEOUT_MILLIS = 2_000;
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final AccessLimits limits;

    public JwtVerifier(SecurityProperties.Jwt settings, Clock clock, AccessLimits limits) {
        this.limits = limits;
        JWKSource<SecurityContext> keys;
        Set<JWSAlgorithm> algorithms;
        if (settings.secret() != null) {
            keys = new ImmutableSecret<>(settings.secret().getBytes(StandardCharsets.UTF_8));
            algorithms = HMAC;
        } else {
            try {
                keys = JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().toURL(),
                                new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT))
                        .retrying(true)
                        .build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("tickhub.security.jwt.jwks-url is not a URL: " + settings.jwksUrl(), e);
            }
            algorithms = PUBLIC_KEY;
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        JWTClaimsSet exact = settings.issuer() == null || settings.issuer().isBlank() ? null
                : new JWTClaimsSet.Builder().issuer(settings.issuer()).build();
        Set<String> audience = settings.audience() == null || settings.audience().isBlank() ? null
                : Set.of(settings.audience());
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience, exact,
                Set.of("exp", "sub"), null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The grant a token carries, or why it carries none. */
    public Credentials.Verdict verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (BadJWTException e) {
            if (e instanceof ExpiredJWTException) {
                return new Credentials.Refused(Credentials.Refused.TOKEN_EXPIRED, "The JWT has expired; get a new one");
            }
            return new Credentials.Refused(Credentials.Refused.AUTH_FAILED, "JWT rejected: " + e.getMessage());
        } catch (ParseException e) {
            return new Credentials.Refused(Credentials.Refused.AUTH_FAILED, "Not a JWT or API key");
        } catch (BadJOSEException | JOSEException e) {
            return new Credentials.Refused(Credentials.Refused.AUTH_FAILED, "JWT rejected: " + e.getMessage());
        } catch (RuntimeException e) {
            // A token crafted to break a parser must still be a 401, never a 500.
            return new Credentials.Refused(Credentials.Refused.AUTH_FAILED, "JWT rejected: malformed");
        }
        return new Credentials.Granted(new Grant("jwt:" + claims.getSubject(), Grant.Kind.JWT, scopes(claims),
                claims.getExpirationTime().toInstant(), limits));
    }

    static Set<Scope> scopes(JWTClaimsSet claims) {
        Set<String> names = new HashSet<>();
        Object scope = claims.getClaim("scope");
        if (scope instanceof String text) {
            names.addAll(List.of(text.trim().split("\\s+")));
        }
        for (String claim : List.of("scopes", "scp")) {
            Object value = claims.getClaim(claim);
            if (value instanceof List<?> list) {
                list.forEach(item -> names.add(String.valueOf(item)));
            } else if (value instanceof String text) {
                names.addAll(List.of(text.trim().split("\\s+")));
            }
        }
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            for (Scope candidate : Scope.values()) {
                if (candidate.wire().equals(name.toLowerCase(Locale.ROOT))) {
                    scopes.add(candidate);
                }
            }
        }
        return scopes;
    }
}
