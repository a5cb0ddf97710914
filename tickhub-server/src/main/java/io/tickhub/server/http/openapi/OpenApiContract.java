package io.tickhub.server.http.openapi;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.tickhub.server.http.error.ErrorBodies;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What client generators need from the OpenAPI description beyond what springdoc reads from the controllers:
 * the two error bodies as schemas ({@code Problem}, {@code FastApiError}) on every 4xx and 5xx answer, each
 * under the media type its route really sends (so a 422 is never documented as the route's success type), and
 * {@code application/json} where springdoc would write the wildcard {@code *}{@code /*}.
 */
public final class OpenApiContract implements OpenApiCustomizer {

    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String ANY = "*/*";

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() != null ? openApi.getComponents() : new Components();
        openApi.setComponents(components);
        boolean openApi31 = openApi.getSpecVersion() == io.swagger.v3.oas.models.SpecVersion.V31;
        ModelConverters converters = ModelConverters.getInstance(openApi31);
        converters.readAll(ErrorShapes.Problem.class).forEach(components::addSchemas);
        converters.readAll(ErrorShapes.FastApiError.class).forEach(components::addSchemas);
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (operation.getResponses() != null) {
                operation.getResponses().forEach((status, response) -> describe(path, status, response));
            }
        }));
    }

    /** The error schema of the route, or for a success {@code application/json} instead of the wildcard. */
    private static void describe(String path, String status, ApiResponse response) {
        Content content = response.getContent();
        if (status.startsWith("4") || status.startsWith("5")) {
            response.setContent(errorContent(path, content));
        } else if (content != null && content.containsKey(ANY)) {
            MediaType any = content.remove(ANY);
            content.putIfAbsent(JSON, any);
        }
    }

    /** The route's error media type and schema, keeping any example the controller gave. */
    private static Content errorContent(String path, Content declared) {
        MediaType media = new MediaType().schema(ref(ErrorBodies.schemaName(path)));
        if (declared != null) {
            for (MediaType given : declared.values()) {
                if (given.getExample() != null) {
                    media.setExample(given.getExample());
                }
                if (given.getExamples() != null) {
                    media.setExamples(given.getExamples());
                }
            }
        }
        return new Content().addMediaType(ErrorBodies.contentType(path).toString(), media);
    }

    private static Schema<?> ref(String schema) {
        return new Schema<>().$ref("#/components/schemas/" + schema);
    }
}
