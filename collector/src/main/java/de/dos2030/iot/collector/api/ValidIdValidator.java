package de.dos2030.iot.collector.api;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

/** Checks {@link ValidId}; a missing (null) parameter is left to {@code @NotNull}. */
@Singleton
public class ValidIdValidator implements ConstraintValidator<ValidId, String> {
    @Override
    public boolean isValid(
            @Nullable String value, AnnotationValue<ValidId> annotation, ConstraintValidatorContext context) {
        return value == null || IdParameter.isValid(value);
    }
}
