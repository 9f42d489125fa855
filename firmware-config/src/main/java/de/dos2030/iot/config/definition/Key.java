package de.dos2030.iot.config.definition;

import java.util.Optional;

/**
 * One key of a section of the gateway file: its name, value type, whether it must be present,
 * its default (from {@code Defaults}, published in the schema) and a description for editors.
 */
public record Key<T>(String name, ValueType<T> type, Presence presence, T defaultValue, String description) {

    /** Whether a key must be written. */
    public enum Presence {
        REQUIRED,
        OPTIONAL
    }

    public static <T> Key<T> required(String name, ValueType<T> type, String description) {
        return new Key<>(name, type, Presence.REQUIRED, null, description);
    }

    public static <T> Key<T> optional(String name, ValueType<T> type, String description) {
        return new Key<>(name, type, Presence.OPTIONAL, null, description);
    }

    public static <T> Key<T> withDefault(String name, ValueType<T> type, T defaultValue, String description) {
        return new Key<>(name, type, Presence.OPTIONAL, defaultValue, description);
    }

    public boolean isRequired() {
        return presence == Presence.REQUIRED;
    }

    public Optional<T> defaultOptional() {
        return Optional.ofNullable(defaultValue);
    }
}
