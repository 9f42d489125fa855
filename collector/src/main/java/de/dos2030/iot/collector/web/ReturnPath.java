package de.dos2030.iot.collector.web;

import io.micronaut.core.annotation.Nullable;
import java.util.regex.Pattern;

/**
 * Where to send a person back to after sign-in or a language switch: only a path on this site. A
 * value from outside (query parameter, form field) could otherwise send them to another site after
 * they signed in (an open redirect): {@code //evil.example}, {@code /\evil.example},
 * {@code https://evil.example} and anything with control characters become {@value #HOME}.
 */
public final class ReturnPath {
    public static final String HOME = "/";
    private static final int MAX_LENGTH = 2000;
    /** Path and query of printable ASCII, no backslash (browsers read it as a slash). */
    private static final Pattern SAFE = Pattern.compile("/[\\x21-\\x7e&&[^\\\\]]*");

    private ReturnPath() {}

    /** {@code candidate} if it is a same-origin relative path, else {@value #HOME}. */
    public static String of(@Nullable String candidate) {
        if (candidate == null
                || candidate.length() > MAX_LENGTH
                || !SAFE.matcher(candidate).matches()
                || candidate.startsWith("//")) {
            return HOME;
        }
        return candidate;
    }
}
