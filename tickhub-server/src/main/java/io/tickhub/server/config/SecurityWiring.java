package io.tickhub.server.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.access.AccessLimits;
import io.tickhub.server.security.AccessFilter;
import io.tickhub.server.security.AccessPolicy;
import io.tickhub.server.security.ApiKeyCodec;
import io.tickhub.server.security.ApiKeyStore;
import io.tickhub.server.security.AuditLog;
import io.tickhub.server.security.JwtVerifier;
import io.tickhub.server.security.KeyRefresher;
import io.tickhub.server.security.LiveGrants;
import io.tickhub.server.security.OpenApiSecurity;
import io.tickhub.server.security.SecurityProperties;
import io.tickhub.server.security.TokenCredentials;
import java.security.SecureRandom;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/**
 * Who may use the hub (docs/security.md): credentials (the bootstrap admin key, API keys kept in
 * the store's database, JWTs), the access decision per request, the live grants that revocation
 * closes, and the audit log.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityWiring {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityWiring.class);

    @Bean
    LiveGrants liveGrants() {
        return new LiveGrants();
    }

    @Bean
    AuditLog auditLog(MeterRegistry meters) {
        return new AuditLog(meters);
    }

    @Bean
    @DependsOnDatabaseInitialization
    ApiKeyStore apiKeyStore(DataSource dataSource, Clock clock, LiveGrants live, AuditLog audit) {
        ApiKeyStore store = new ApiKeyStore(dataSource, clock, new ApiKeyCodec(new SecureRandom()), subject ->
                audit.closed(subject, "key_revoked", live.revoke(subject)));
        store.refresh();
        return store;
    }

    /** Re-reads the key table, so that keys created or revoked on another gateway take effect here. */
    @Bean
    KeyRefresher keyRefresher(ApiKeyStore keys, SecurityProperties security) {
        return new KeyRefresher(keys, security.keys().refreshInterval());
    }

    @Bean
    TokenCredentials tokenCredentials(SecurityProperties security, ApiKeyStore keys, Clock clock) {
        AccessLimits keyLimits = security.limits().key().toLimits();
        JwtVerifier jwt = security.jwt().enabled() ? new JwtVerifier(security.jwt(), clock, keyLimits) : null;
        return new TokenCredentials(security.adminKey(), keys, jwt, keyLimits);
    }

    @Bean
    AccessPolicy accessPolicy(SecurityProperties security, TokenCredentials credentials,
                              ConnectionLimitsProperties connections) {
        AccessPolicy policy = new AccessPolicy(security, credentials,
                security.limits().address().toLimits(connections.maxStreamsPerAddress()));
        switch (security.mode()) {
            case OPEN -> LOG.warn("tickhub.security.mode=open: every client, from any address, may {} without a "
                    + "credential. Use this on a trusted network only (docs/security.md).", security.anonymous());
            case REQUIRED -> LOG.info("tickhub.security.mode=required: every client needs an API key or a JWT");
            case PROTECTED -> LOG.info(credentials.anyConfigured()
                    ? "Protected mode: clients on this machine need no credential; others need an API key or a JWT"
                    : "Protected mode: no API key or JWT is configured, so only clients on this machine are served "
                            + "(docs/security.md)");
        }
        return policy;
    }

    /** The security schemes and each operation's scope in /v3/api-docs, from the table the hub enforces. */
    @Bean
    OpenApiSecurity openApiSecurity() {
        return new OpenApiSecurity();
    }

    @Bean
    AccessFilter accessFilter(AccessPolicy policy, AuditLog audit, ObjectMapper json) {
        return new AccessFilter(policy, audit, json);
    }
}
