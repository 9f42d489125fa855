package de.dos2030.iot.collector.api;

import de.dos2030.iot.model.validation.Validator;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request parameter that must be an id as shared-model's {@link Validator} defines it (site,
 * gateway, sensor, rule): an id that could never have been stored is refused with 400 before it
 * reaches a query. {@code null} is valid (the parameter is optional); combine with
 * {@code @NotNull} where it is not. For ids that arrive outside a request bean use {@link IdParameter#require}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Constraint(validatedBy = {}) // ValidIdValidator, a bean
public @interface ValidId {
    /** What the caller is told after the parameter's name and value. */
    String RULE = "is not a valid id: 1 to " + Validator.MAX_ID_LENGTH
            + " characters of A-Z a-z 0-9 . _ - starting with a letter or digit";

    String message() default RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
