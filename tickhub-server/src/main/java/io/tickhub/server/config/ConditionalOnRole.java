package io.tickhub.server.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** A bean this node creates only when {@code tickhub.roles} includes the role (as {@code all} does). */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Conditional(ConditionalOnRole.OnRole.class)
public @interface ConditionalOnRole {

    Roles.Role value();

    /** Reads {@code tickhub.roles} as the properties bind it; a bad value fails at binding, with its message. */
    final class OnRole implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Roles.Role role = (Roles.Role) metadata.getAnnotationAttributes(ConditionalOnRole.class.getName()).get("value");
            List<String> names = Binder.get(context.getEnvironment())
                    .bind("tickhub.roles", Bindable.listOf(String.class)).orElse(List.of("all"));
            try {
                return Roles.parse(names).has(role);
            } catch (IllegalArgumentException e) {
                return true; // the properties record refuses the value with this message at start-up
            }
        }
    }
}
