package de.dos2030.iot.config.definition;

import de.dos2030.iot.config.yaml.Location;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values of one section: read from a mapping of the file (with its path and location, and
 * whether anything inside it was wrong), or put together by a writer.
 */
public final class Fields {

    private final Section section;
    private final String path;
    private final Location location;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private boolean complete = true;

    Fields(Section section, String path, Location location) {
        this.section = section;
        this.path = path;
        this.location = location;
    }

    /** Empty fields of {@code section}, to fill with {@link #put} and write. */
    public static Fields of(Section section) {
        return new Fields(section, "", Location.START);
    }

    public <T> Fields put(Key<T> key, T value) {
        if (value != null) {
            values.put(key.name(), value);
        }
        return this;
    }

    public <T> Fields put(Key<T> key, Optional<T> value) {
        return put(key, value.orElse(null));
    }

    /** The value, the key's default when absent, or null. */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        Object v = values.get(key.name());
        return v != null ? (T) v : key.defaultValue();
    }

    @SuppressWarnings("unchecked")
    public <T> Optional<T> opt(Key<T> key) {
        return Optional.ofNullable((T) values.get(key.name()));
    }

    /** The {@code kind} of a union variant (source, filter), or null for plain sections. */
    public String kind() {
        return (String) values.get(UnionType.KIND);
    }

    /** True when the file wrote this key (with a readable value). */
    public boolean has(Key<?> key) {
        return values.containsKey(key.name());
    }

    Object raw(String name) {
        return values.get(name);
    }

    void set(String name, Object value) {
        values.put(name, value);
    }

    void markIncomplete() {
        complete = false;
    }

    /** True when nothing in this section, nested sections included, was reported as wrong. */
    public boolean complete() {
        return complete;
    }

    public Section section() {
        return section;
    }

    public String path() {
        return path;
    }

    public Location location() {
        return location;
    }

    /** Path of a key of this section. */
    public String pathOf(Key<?> key) {
        return Section.join(path, key.name());
    }
}
