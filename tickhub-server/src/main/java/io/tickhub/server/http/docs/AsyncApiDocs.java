package io.tickhub.server.http.docs;

import io.swagger.v3.oas.models.ExternalDocumentation;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The streams' contract, the AsyncAPI 3 document of {@code /ws} and SSE, at {@code GET /v3/asyncapi.yaml}
 * beside the OpenAPI document, public like it, and linked from the OpenAPI document's external docs,
 * which Swagger UI at {@code /docs} shows under the title. The file is validated in the build with
 * the AsyncAPI parser (src/main/client, {@code npm test}).
 */
@Configuration(proxyBeanMethods = false)
public class AsyncApiDocs {

    public static final String PATH = "/v3/asyncapi.yaml";
    static final Resource DOCUMENT = new ClassPathResource("asyncapi/tickhub.yaml");
    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    @Bean
    RouterFunction<ServerResponse> asyncApiDocument() {
        return RouterFunctions.route()
                .GET(PATH, request -> ServerResponse.ok()
                        .contentType(YAML)
                        .cacheControl(CacheControl.noCache())
                        .bodyValue(DOCUMENT))
                .build();
    }

    /** Sets the external docs only where nothing else has, so a customiser that sets its own wins. */
    @Bean
    OpenApiCustomizer asyncApiLink() {
        return openApi -> {
            if (openApi.getExternalDocs() == null) {
                openApi.setExternalDocs(new ExternalDocumentation()
                        .description("The streams (/ws, SSE): AsyncAPI 3 document")
                        .url(PATH));
            }
        };
    }
}
