package de.dos2030.iot.config.model;

import java.util.List;

/**
 * One broken invariant of a configuration record: the path of the offending value relative to
 * the record (e.g. {@code rules[0].critical-above}, empty for the record itself), what is wrong,
 * and what would be allowed ({@code null} when there is nothing short to say).
 *
 * <p>Records compute their violations with a static {@code violations(...)} method that both
 * their constructor and the file loader call, so a rule is written once and a loaded file gets
 * every violation reported with its line and column.
 */
public record Violation(String path, String message, String allowed) {

    public Violation {
        if (path == null || message == null) {
            throw new IllegalArgumentException("path and message are required");
        }
    }

    public static Violation of(String path, String message) {
        return new Violation(path, message, null);
    }

    public static Violation of(String path, String message, String allowed) {
        return new Violation(path, message, allowed);
    }

    /** This violation moved under {@code prefix}, e.g. {@code sensors[2]}. */
    public Violation under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        String joined = path.isEmpty() ? prefix : path.startsWith("[") ? prefix + path : prefix + "." + path;
        return new Violation(joined, message, allowed);
    }

    /** Throws an {@link InvalidConfigException} when the list is not empty. */
    public static void throwIfAny(String what, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidConfigException(what, violations);
        }
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "" : path + ": ") + message + (allowed == null ? "" : " (allowed: " + allowed + ")");
    }
}
