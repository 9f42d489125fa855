package de.dos2030.iot.config.yaml;

/** The text is not well-formed YAML; {@link #location()} says where the parser gave up. */
public final class YamlSyntaxException extends Exception {

    private final Location location;

    public YamlSyntaxException(Location location, String message, Throwable cause) {
        super(message, cause);
        this.location = location;
    }

    public Location location() {
        return location;
    }
}
