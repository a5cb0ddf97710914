package io.tickhub.server.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.tickhub.core.access.Scope;
import io.tickhub.server.http.error.ErrorBodies;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;

/**
 * Declares the security schemes in the OpenAPI description and, for every operation, what it
 * needs, read from {@link RouteScopes} (the same table the hub enforces, so the two cannot drift):
 * public operations get an empty {@code security}, the others the schemes plus
 * {@code x-tickhub-scope} naming the scope, and their 401, 403 and 429 answers (docs/security.md, Limits).
 */
public final class OpenApiSecurity implements OpenApiCustomizer {

    static final String BEARER = "bearer";
    static final String API_KEY_HEADER = "apiKeyHeader";
    static final String TOKEN_QUERY = "tokenQuery";
    static final String SCOPE_EXTENSION = "x-tickhub-scope";

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() != null ? openApi.getComponents() : new Components();
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("API key (thk_...) or JWT")
                .description("`Authorization: Bearer <API key or JWT>`. Scopes: read, stream, jobs, admin "
                        + "(docs/security.md). In protected mode (the default) clients on the hub's own machine need none."));
        components.addSecuritySchemes(API_KEY_HEADER, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-API-Key").description("An API key (thk_...) or JWT in a header"));
        components.addSecuritySchemes(TOKEN_QUERY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.QUERY).name("token")
                .description("Streams only (WebSocket upgrades, `GET /api/v1/stream`): for browsers, which cannot set "
                        + "headers there"));
        openApi.setComponents(components);
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                declare(path, HttpMethod.valueOf(method.name()), operation)));
    }

    private static void declare(String path, HttpMethod method, Operation operation) {
        RouteScopes.Requirement requirement = RouteScopes.of(method, path);
        if (requirement instanceof RouteScopes.Public) {
            operation.setSecurity(List.of());
            return;
        }
        Scope scope = ((RouteScopes.Needs) requirement).scope();
        List<SecurityRequirement> security = new ArrayList<>(List.of(
                new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(API_KEY_HEADER)));
        if (RouteScopes.isStream(path)) {
            security.add(new SecurityRequirement().addList(TOKEN_QUERY));
        }
        operation.setSecurity(security);
        if (scope != null) {
            operation.addExtension(SCOPE_EXTENSION, scope.wire());
            String note = "Needs the `" + scope.wire() + "` scope.";
            operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + "\n\n" + note);
        }
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        String type = ErrorBodies.contentType(path).toString();
        String schema = ErrorBodies.schemaName(path);
        responses.putIfAbsent("401", error(type, schema, "No credential where one is needed, or a bad one (`code`: "
                + "not_authenticated, auth_failed, token_expired)"));
        responses.putIfAbsent("403", error(type, schema, "The credential lacks the scope (`code` forbidden), or protected "
                + "mode refuses this address (`code` protected_mode)"));
        String limited = RestLimits.spendsPolls(method, path)
                ? "Past the key's or address's request rate (`code` rate_limited) or poll budget (`code` poll_budget); "
                        + "`Retry-After` says when to retry, the `RateLimit-*` fields how much is left"
                : "Past the key's or address's request rate (`code` rate_limited); `Retry-After` says when to retry, "
                        + "the `RateLimit-*` fields how much is left";
        ApiResponse tooMany = responses.get("429");
        if (tooMany == null) {
            responses.addApiResponse("429", error(type, schema, limited));
        } else {
            tooMany.setDescription(tooMany.getDescription() + "; or: " + limited);
        }
        operation.setResponses(responses);
    }

    private static ApiResponse error(String mediaType, String schema, String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(mediaType,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema))));
    }
}
