package io.tickhub.server.http.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;

/**
 * Marks every field of a record as {@code required} in the OpenAPI description, because the hub writes every
 * record component (Jackson's default inclusion), null or not. Left optional: components under a
 * {@code @JsonInclude} other than {@code ALWAYS} (on the record or the component), ignored ones, and those
 * annotated {@code @Schema(requiredMode = NOT_REQUIRED)}, which request records use for their optional fields.
 */
public final class SerializedRecordFields implements ModelConverter {

    @Override
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (resolved == null || type.getType() == null) {
            return resolved;
        }
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (!raw.isRecord()) {
            return resolved;
        }
        Schema<?> definition = resolved;
        if (resolved.get$ref() != null) {
            String name = resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1);
            definition = context.getDefinedModels().get(name);
        }
        if (definition == null || definition.getProperties() == null || omitsSome(raw.getAnnotation(JsonInclude.class))) {
            return resolved;
        }
        for (RecordComponent component : raw.getRecordComponents()) {
            Field field = field(raw, component.getName());
            if (field == null || field.isAnnotationPresent(JsonIgnore.class)
                    || omitsSome(field.getAnnotation(JsonInclude.class)) || optional(field)) {
                continue;
            }
            JsonProperty renamed = field.getAnnotation(JsonProperty.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
            if (definition.getProperties().containsKey(name)
                    && (definition.getRequired() == null || !definition.getRequired().contains(name))) {
                definition.addRequiredItem(name);
            }
        }
        return resolved;
    }

    private static boolean omitsSome(JsonInclude include) {
        return include != null && include.value() != JsonInclude.Include.ALWAYS
                && include.value() != JsonInclude.Include.USE_DEFAULTS;
    }

    private static boolean optional(Field field) {
        io.swagger.v3.oas.annotations.media.Schema schema =
                field.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        return schema != null && schema.requiredMode() == io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
    }

    private static Field field(Class<?> record, String name) {
        try {
            return record.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }
}
