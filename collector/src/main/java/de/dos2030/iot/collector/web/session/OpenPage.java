package de.dos2030.iot.collector.web.session;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A page anyone may open (start page, sign-in, language switch): {@link PageAccessFilter} still finds
 * the session, if any, and still checks the CSRF token of every POST.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OpenPage {}
