package io.tickhub.server.security;

import io.tickhub.core.access.Scope;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which scope each route needs: the whole table, in one place, first match wins. Every route of
 * the five replaced systems is here too, under the same rules as the native ones. A route not
 * listed needs {@code read} to read ({@code GET}, {@code HEAD}) and {@code admin} for anything else,
 * so a route added without thought is closed rather than open.
 */
public final class RouteScopes {

    /** What a route needs. */
    public sealed interface Requirement {
    }

    /** Anyone, from anywhere, in every mode: health probes, the dashboard's files, the API description. */
    public record Public() implements Requirement {
    }

    /** A decided grant with this scope; {@code scope} null: any grant (who-am-I). */
    public record Needs(Scope scope) implements Requirement {
    }

    private record Rule(Set<HttpMethod> methods, PathPattern pattern, Requirement requirement) {
    }

    private static final Set<HttpMethod> READING = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final Set<HttpMethod> CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final Set<HttpMethod> ANY = Set.of();
    private static final Requirement PUBLIC = new Public();

    private static final List<Rule> TABLE = List.of(
            // Public: liveness and readiness probes come from orchestrators without keys; GET / is
            // the dashboard page (or system D's status: "online", the version, connection counts).
            rule(READING, "/", PUBLIC),
            rule(READING, "/health", PUBLIC),
            rule(READING, "/actuator/health/**", PUBLIC),
            rule(READING, "/actuator/info", PUBLIC),
            rule(READING, "/assets/**", PUBLIC),
            rule(READING, "/favicon.ico", PUBLIC),
            rule(READING, "/favicon.svg", PUBLIC),
            rule(READING, "/v3/api-docs/**", PUBLIC),
            rule(READING, "/v3/asyncapi.yaml", PUBLIC),
            rule(READING, "/docs", PUBLIC),
            rule(READING, "/swagger-ui.html", PUBLIC),
            rule(READING, "/swagger-ui/**", PUBLIC),
            rule(READING, "/webjars/**", PUBLIC),
            rule(READING, "/api/v1/auth", new Needs(null)),
            // Streams.
            rule(READING, "/ws", new Needs(Scope.STREAM)),
            rule(READING, "/ws/**", new Needs(Scope.STREAM)),
            rule(READING, "/api/v1/stream", new Needs(Scope.STREAM)),
            // What spends a provider's request budget: polling jobs and on-demand polls (A-E's too).
            rule(CHANGING, "/api/v1/jobs/**", new Needs(Scope.JOBS)),
            rule(CHANGING, "/poll/**", new Needs(Scope.JOBS)),
            rule(CHANGING, "/prices/poll", new Needs(Scope.JOBS)),
            // Keys and the hub's internals.
            rule(ANY, "/api/v1/keys/**", new Needs(Scope.ADMIN)),
            rule(READING, "/actuator/prometheus", new Needs(Scope.READ)),
            rule(READING, "/actuator/metrics/**", new Needs(Scope.READ)),
            rule(ANY, "/actuator/**", new Needs(Scope.ADMIN)),
            // Everything else: market data to read, nothing else to change.
            rule(READING, "/**", new Needs(Scope.READ)),
            rule(ANY, "/**", new Needs(Scope.ADMIN)));

    private RouteScopes() {
    }

    private static final String REQUIREMENT = "tickhub.route-requirement";

    /**
     * What the exchange's request needs, looked up once per request: the rate filter and the access
     * filter both ask, and the lookup matches the path against the whole table.
     */
    public static Requirement of(ServerWebExchange exchange) {
        Requirement known = exchange.getAttribute(REQUIREMENT);
        if (known == null) {
            known = of(exchange.getRequest().getMethod(), exchange.getRequest().getPath().value());
            exchange.getAttributes().put(REQUIREMENT, known);
        }
        return known;
    }

    /** What {@code method} on {@code path} needs; {@code OPTIONS} (CORS preflight) is public. */
    public static Requirement of(HttpMethod method, String path) {
        if (HttpMethod.OPTIONS.equals(method)) {
            return PUBLIC;
        }
        PathContainer container = PathContainer.parsePath(path);
        for (Rule rule : TABLE) {
            if ((rule.methods().isEmpty() || rule.methods().contains(method)) && rule.pattern().matches(container)) {
                return rule.requirement();
            }
        }
        throw new IllegalStateException("the table ends with a catch-all");
    }

    /** Whether {@code path} is a stream, where a browser may pass its credential as {@code ?token=}. */
    public static boolean isStream(String path) {
        return path.equals("/ws") || path.startsWith("/ws/") || path.equals("/api/v1/stream");
    }

    private static Rule rule(Set<HttpMethod> methods, String pattern, Requirement requirement) {
        return new Rule(methods, PathPatternParser.defaultInstance.parse(pattern), requirement);
    }
}
