package de.dos2030.iot.config.model;

/** How a chip is wired to the Pi. */
public enum BusKind {
    I2C("i2c"),
    SPI("spi"),
    GPIO("gpio");

    private final String wireName;

    BusKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the YAML file. */
    public String wireName() {
        return wireName;
    }
}
