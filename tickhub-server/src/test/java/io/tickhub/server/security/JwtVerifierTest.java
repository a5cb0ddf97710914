package io.tickhub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.tickhub.core.access.AccessLimits;
import io.tickhub.core.access.Credentials;
import io.tickhub.core.access.Scope;
import io.tickhub.core.testing.ManualClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** JWTs as issuers mint them: HMAC with a shared secret, RSA from a JWKS URL that rotates its keys. */
class JwtVerifierTest {

    static final String SECRET = "a-shared-secret-of-at-least-32-bytes!!";
    static final AccessLimits LIMITS = new AccessLimits(10, 100, 10, 10, 10);
    final ManualClock clock = ManualClock.at("2026-12-05T10:00:00Z");

    JwtVerifier hmac(String issuer, String audience) {
        return new JwtVerifier(new SecurityProperties.Jwt(SECRET, null, issuer, audience, Duration.ofSeconds(30)),
                clock, LIMITS);
    }

    String hs256(JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    JWTClaimsSet.Builder claims(Duration life) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().subject("alice").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(life))).claim("scope", "read stream other:thing");
    }

    @Test
    void aValidTokenGrantsItsSubjectItsKnownScopesUntilItsExpiry() throws Exception {
        var verdict = hmac(null, null).verify(hs256(claims(Duration.ofMinutes(5)).build(), SECRET));
        assertThat(verdict).isInstanceOfSatisfying(Credentials.Granted.class, granted -> {
            assertThat(granted.grant().subject()).isEqualTo("jwt:alice");
            assertThat(granted.grant().scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.STREAM);
            assertThat(granted.grant().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        });
    }

    @Test
    void scopesMayAlsoComeAsAList() throws Exception {
        String token = hs256(claims(Duration.ofMinutes(5)).claim("scope", null).claim("scopes", List.of("jobs", "admin"))
                .build(), SECRET);
        assertThat(hmac(null, null).verify(token)).isInstanceOfSatisfying(Credentials.Granted.class,
                granted -> assertThat(granted.grant().scopes()).containsExactlyInAnyOrder(Scope.JOBS, Scope.ADMIN));
    }

    @Test
    void anExpiredTokenIsRefusedAsExpiredOnceTheSkewHasPassed() throws Exception {
        String token = hs256(claims(Duration.ofMinutes(1)).build(), SECRET);
        JwtVerifier verifier = hmac(null, null);
        clock.advance(Duration.ofSeconds(60 + 29));
        assertThat(verifier.verify(token)).isInstanceOf(Credentials.Granted.class);
        clock.advance(Duration.ofSeconds(2));
        assertThat(verifier.verify(token)).isInstanceOfSatisfying(Credentials.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo("token_expired"));
    }

    @Test
    void aTokenNotYetValidIsRefused() throws Exception {
        String token = hs256(claims(Duration.ofMinutes(10)).notBeforeTime(Date.from(clock.instant().plusSeconds(300)))
                .build(), SECRET);
        assertThat(hmac(null, null).verify(token)).isInstanceOfSatisfying(Credentials.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo("auth_failed"));
    }

    @Test
    void issuerAndAudienceMustMatchWhenConfigured() throws Exception {
        JwtVerifier verifier = hmac("https://idp.example", "tickhub");
        String right = hs256(claims(Duration.ofMinutes(5)).issuer("https://idp.example").audience("tickhub").build(), SECRET);
        String wrongIssuer = hs256(claims(Duration.ofMinutes(5)).issuer("https://other").audience("tickhub").build(), SECRET);
        String wrongAudience = hs256(claims(Duration.ofMinutes(5)).issuer("https://idp.example").audience("x").build(), SECRET);
        assertThat(verifier.verify(right)).isInstanceOf(Credentials.Granted.class);
        assertThat(verifier.verify(wrongIssuer)).isInstanceOf(Credentials.Refused.class);
        assertThat(verifier.verify(wrongAudience)).isInstanceOf(Credentials.Refused.class);
    }

    @Test
    void aTokenSignedWithAnotherSecretUnsignedOrWithoutExpiryIsRefused() throws Exception {
        JwtVerifier verifier = hmac(null, null);
        assertThat(verifier.verify(hs256(claims(Duration.ofMinutes(5)).build(), SECRET + "other")))
                .isInstanceOf(Credentials.Refused.class);
        assertThat(verifier.verify(new PlainJWT(claims(Duration.ofMinutes(5)).build()).serialize()))
                .isInstanceOf(Credentials.Refused.class);
        assertThat(verifier.verify(hs256(new JWTClaimsSet.Builder().subject("alice").claim("scope", "admin").build(),
                SECRET))).isInstanceOf(Credentials.Refused.class);
        assertThat(verifier.verify("a.b.c")).isInstanceOf(Credentials.Refused.class);
        assertThat(verifier.verify("eyJhbGciOiJIUzI1NiJ9.e30.%%%")).isInstanceOf(Credentials.Refused.class);
    }

    @Test
    void publicKeysComeFromTheJwksUrlAndARotatedKeyIsPickedUpWithoutARestart() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey second = new RSAKeyGenerator(2048).keyID("k2").generate();
        AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(first.toPublicJWK()));
        AtomicInteger fetches = new AtomicInteger();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
            JwtVerifier verifier = new JwtVerifier(new SecurityProperties.Jwt(null, url, null, null, Duration.ofSeconds(30)),
                    clock, LIMITS);
            assertThat(verifier.verify(rs256(first, claims(Duration.ofMinutes(5)).build())))
                    .isInstanceOf(Credentials.Granted.class);
            // The issuer rotates: the new key id is not in the cached set, so the set is read again.
            published.set(new JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK())));
            assertThat(verifier.verify(rs256(second, claims(Duration.ofMinutes(5)).build())))
                    .isInstanceOf(Credentials.Granted.class);
            assertThat(fetches.get()).isEqualTo(2);
            // A key the issuer never published is refused, whatever its id says.
            RSAKey forged = new RSAKeyGenerator(2048).keyID("k1").generate();
            assertThat(verifier.verify(rs256(forged, claims(Duration.ofMinutes(5)).build())))
                    .isInstanceOf(Credentials.Refused.class);
        } finally {
            jwks.stop(0);
        }
    }

    static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
