package de.dos2030.iot.config.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of every id in a gateway file (gateway, site, sensor, rule): lower-case letters,
 * digits and dashes, 2 to 64 characters, starting with a letter or digit. These ids end up in
 * MQTT topics and InfluxDB tags, so they must not contain '/', '+', '#', spaces or commas.
 */
public final class Identifier {

    public static final int MAX_LENGTH = 64;
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{1," + (MAX_LENGTH - 1) + "}");
    public static final String ALLOWED = "lower-case letters, digits and '-', 2-64 characters";

    private Identifier() {}

    /** A violation at {@code path} when {@code id} is not a valid id. */
    public static Optional<Violation> check(String path, String id) {
        if (id == null) {
            return Optional.of(Violation.of(path, "is required"));
        }
        if (!PATTERN.matcher(id).matches()) {
            return Optional.of(Violation.of(path, "'" + id + "' is not a valid id", ALLOWED));
        }
        return Optional.empty();
    }
}
