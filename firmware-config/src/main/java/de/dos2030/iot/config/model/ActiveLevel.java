package de.dos2030.iot.config.model;

/** The GPIO level that switches an output on: high for a LED to ground, low for most relay and buzzer boards. */
public enum ActiveLevel {
    HIGH("high"),
    LOW("low");

    private final String wireName;

    ActiveLevel(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the YAML file. */
    public String wireName() {
        return wireName;
    }
}
