package de.dos2030.iot.config.yaml;

/** A 1-based line and column in a YAML text. */
public record Location(int line, int column) {

    public static final Location START = new Location(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
