package de.dos2030.iot.collector.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role an API route needs ({@link AccessFilter}). A route under {@code /api/**} or
 * {@code /admin/**} with neither this nor {@link GatewayDoor} is refused: access is denied by default.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Allowed {
    Role value();
}
