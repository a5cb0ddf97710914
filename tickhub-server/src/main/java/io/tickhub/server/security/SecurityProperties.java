package io.tickhub.server.security;

import io.tickhub.core.access.AccessLimits;
import io.tickhub.core.access.Scope;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tickhub.security.*}: who may use the hub (docs/security.md).
 *
 * @param mode            {@code protected}: clients on this machine need no credential, others do
 *                        (and are refused outright while no credential is configured); {@code required}:
 *                        every client needs one; {@code open}: nobody needs one (logged at start-up)
 * @param loopbackScopes  what a credential-less client on this machine may do in protected mode
 * @param anonymousScopes what a credential-less client may do in open mode
 * @param allowedHosts    {@code Host} names besides loopback's under which a credential-less local
 *                        request is trusted (a DNS-rebinding page sends its own host name)
 * @param adminKey        the bootstrap admin key (env {@code TICKHUB_ADMIN_KEY}): at least 32 characters
 * @param authTimeout     how long a WebSocket connection may stay unauthenticated before 4001
 * @param expiryWarning   how long before a JWT's expiry a live connection is asked to refresh it
 */
@Validated
@ConfigurationProperties("tickhub.security")
public record SecurityProperties(
        @DefaultValue("protected") Mode mode,
        @DefaultValue({"read", "stream", "jobs", "admin"}) List<String> loopbackScopes,
        @DefaultValue({"read", "stream"}) List<String> anonymousScopes,
        @DefaultValue List<String> allowedHosts,
        String adminKey,
        @DefaultValue("10s") Duration authTimeout,
        @DefaultValue("30s") Duration expiryWarning,
        @DefaultValue Keys keys,
        @DefaultValue Jwt jwt,
        @DefaultValue Limits limits) {

    /** See {@link SecurityProperties#mode()}. */
    public enum Mode { PROTECTED, REQUIRED, OPEN }

    public static final int MIN_ADMIN_KEY_LENGTH = 32;

    public SecurityProperties {
        if (adminKey != null && adminKey.isBlank()) {
            adminKey = null;
        }
        if (adminKey != null && adminKey.length() < MIN_ADMIN_KEY_LENGTH) {
            throw new IllegalArgumentException("tickhub.security.admin-key (TICKHUB_ADMIN_KEY) must be at least "
                    + MIN_ADMIN_KEY_LENGTH + " characters; generate one with: openssl rand -base64 32");
        }
        Scope.parseAll(loopbackScopes);
        Scope.parseAll(anonymousScopes);
        positive("tickhub.security.auth-timeout", authTimeout);
    }

    public Set<Scope> loopback() {
        return Scope.parseAll(loopbackScopes);
    }

    public Set<Scope> anonymous() {
        return Scope.parseAll(anonymousScopes);
    }

    /** @param refreshInterval how often each hub re-reads the key table: a revocation elsewhere is seen within it */
    public record Keys(@DefaultValue("2s") Duration refreshInterval) {
        public Keys {
            positive("tickhub.security.keys.refresh-interval", refreshInterval);
        }
    }

    /**
     * JWTs are accepted when a secret or a JWKS URL is set.
     *
     * @param secret    HMAC key (HS256/384/512), at least 32 bytes
     * @param jwksUrl   where the issuer publishes its public keys (RSA, EC, EdDSA); re-read on an unknown key id
     * @param issuer    the required {@code iss}; empty: not checked
     * @param audience  the required {@code aud}; empty: not checked
     * @param clockSkew how far {@code exp} and {@code nbf} may be off
     */
    public record Jwt(String secret, URI jwksUrl, String issuer, String audience,
                      @DefaultValue("30s") Duration clockSkew) {
        public Jwt {
            if (secret != null && secret.isBlank()) {
                secret = null;
            }
            if (secret != null && secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
                throw new IllegalArgumentException("tickhub.security.jwt.secret must be at least 32 bytes (HS256 needs 256 bits)");
            }
        }

        public boolean enabled() {
            return secret != null || jwksUrl != null;
        }
    }

    /**
     * Limits per credential ({@code key}: API keys and JWT subjects) and per remote address for
     * clients without one ({@code address}). Streaming connections per address are
     * {@code tickhub.limits.connections.max-streams-per-address}, which holds for everyone.
     */
    public record Limits(@DefaultValue KeyBounds key, @DefaultValue AddressBounds address) {
    }

    /** See {@link AccessLimits}. */
    public record KeyBounds(@DefaultValue("100") @Min(1) @Max(1_000_000) int connections,
                            @DefaultValue("10000") @Min(1) @Max(100_000_000) int subscriptions,
                            @DefaultValue("100") @Min(1) @Max(1_000_000) int requestsPerSecond,
                            @DefaultValue("30") @Min(1) @Max(1_000_000) int pollsPerMinute,
                            @DefaultValue("20") @Min(1) @Max(100_000) int upstreamSymbols) {
        public AccessLimits toLimits() {
            return new AccessLimits(connections, subscriptions, requestsPerSecond, pollsPerMinute, upstreamSymbols);
        }
    }

    /** See {@link AccessLimits}; connections come from the per-address stream cap. */
    public record AddressBounds(@DefaultValue("100000") @Min(1) @Max(100_000_000) int subscriptions,
                                @DefaultValue("200") @Min(1) @Max(1_000_000) int requestsPerSecond,
                                @DefaultValue("30") @Min(1) @Max(1_000_000) int pollsPerMinute,
                                @DefaultValue("50") @Min(1) @Max(100_000) int upstreamSymbols) {
        public AccessLimits toLimits(int connectionsPerAddress) {
            return new AccessLimits(connectionsPerAddress, subscriptions, requestsPerSecond, pollsPerMinute,
                    upstreamSymbols);
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }
}
