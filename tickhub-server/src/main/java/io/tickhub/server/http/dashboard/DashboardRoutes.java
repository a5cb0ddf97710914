package io.tickhub.server.http.dashboard;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The dashboard (built by Vite into {@code static/}) at {@code GET /} for browsers, while every other
 * client of {@code GET /} keeps system D's JSON status.
 *
 * <p>Spring Boot's own welcome page answers any request whose Accept is merely compatible with HTML,
 * {@code *}{@code /*} included, which is what Python's requests and curl send; system D's clients would
 * get a page instead of their status. So the page goes only to a request that names {@code text/html}
 * itself, as a browser's navigation does, and {@code Vary: Accept} keeps caches from mixing the two.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardRoutes implements WebFluxConfigurer {

    static final Resource INDEX = new ClassPathResource("static/index.html");
    /** Vite names assets by their content hash, so a cached copy can never be out of date. */
    static final Duration ASSET_MAX_AGE = Duration.ofDays(365);

    @Bean
    @Order(0)
    RouterFunction<ServerResponse> dashboardPage() {
        if (!INDEX.exists()) {
            // Built without the front end (-Dfrontend.skip): GET / stays the JSON status for everyone.
            return RouterFunctions.route(request -> false, request -> ServerResponse.notFound().build());
        }
        RequestPredicate page = request -> request.method().name().equals("GET")
                && request.path().equals("/") && namesHtml(request);
        return RouterFunctions.route(page, request -> ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .bodyValue(INDEX));
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.maxAge(ASSET_MAX_AGE).cachePublic().immutable());
    }

    /** True when the Accept header lists an HTML type by name with a non-zero quality. */
    static boolean namesHtml(ServerRequest request) {
        List<String> accept = request.headers().header(HttpHeaders.ACCEPT);
        try {
            return accept.stream().flatMap(value -> MediaType.parseMediaTypes(value).stream())
                    .anyMatch(type -> !type.isWildcardType() && !type.isWildcardSubtype()
                            && (type.isCompatibleWith(MediaType.TEXT_HTML)
                                    || type.isCompatibleWith(MediaType.APPLICATION_XHTML_XML))
                            && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException e) {
            return false; // a malformed Accept gets the JSON status, as before
        }
    }
}
