package io.tickhub.server.security;

import io.tickhub.server.config.TickhubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The origin allow-list, the cross-site request check and the security headers (docs/security.md, "Origins and browsers"). */
@Configuration(proxyBeanMethods = false)
public class BrowserProtectionWiring {

    private static final Logger log = LoggerFactory.getLogger(BrowserProtectionWiring.class);

    @Bean
    OriginPolicy originPolicy(TickhubProperties properties) {
        OriginPolicy policy;
        try {
            policy = OriginPolicy.of(properties.http().corsOrigins());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tickhub.http.cors-origins: " + e.getMessage(), e);
        }
        if (policy.anyOrigin()) {
            log.warn("tickhub.http.cors-origins holds '*': pages of every web site may call the API, open WebSockets "
                    + "and SSE streams and change state from a visitor's browser (with the visitor's loopback access "
                    + "in protected mode). List the front-ends' origins instead unless that is what you want.");
        } else if (policy.isEmpty()) {
            log.info("Browser origins: only the hub's own pages (tickhub.http.cors-origins is empty)");
        } else {
            log.info("Browser origins: the hub's own pages and {}", policy.corsOrigins());
        }
        return policy;
    }

    @Bean
    CrossSiteRequestFilter crossSiteRequestFilter(OriginPolicy origins, ObjectMapper json, AuditLog audit) {
        return new CrossSiteRequestFilter(origins, json, audit);
    }

    @Bean
    WebHttpHandlerBuilderCustomizer securityHeaders() {
        return builder -> builder.httpHandlerDecorator(SecurityHeaders::around);
    }
}
