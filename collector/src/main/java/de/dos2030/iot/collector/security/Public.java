package de.dos2030.iot.collector.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route under {@code /api/**} that anyone may call without a token ({@link AccessFilter}); only for
 * routes that reveal nothing, such as the pointer from {@code /api} to the API documentation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Public {}
