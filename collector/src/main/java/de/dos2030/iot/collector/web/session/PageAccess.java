package de.dos2030.iot.collector.web.session;

import de.dos2030.iot.collector.security.Role;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a page route needs ({@link PageAccessFilter}): without a session the person is sent
 * to sign in, with too small a role they get 403. A page route with neither this nor {@link OpenPage}
 * is refused: access is denied by default, as on the API ({@code security.Allowed}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PageAccess {
    Role value();
}
