package de.dos2030.iot.config;

import de.dos2030.iot.config.yaml.Location;

/**
 * One thing wrong in a gateway file, located precisely enough for a technician to fix it:
 * {@code file:line:column: path: message (allowed: ...)}, e.g.
 * {@code school.yaml:14:16: sensors[0].i2c.address: 0x99 is not a 7-bit I2C address (allowed: 0x03-0x77)}.
 *
 * @param file    the file name as given to the loader (or {@code <string>})
 * @param path    the value's path in the file, e.g. {@code sensors[1].rules[0].warning-above}; empty for the whole file
 * @param allowed what would be accepted, or {@code null}
 */
public record ConfigProblem(String file, Location location, String path, String message, String allowed) {

    @Override
    public String toString() {
        return file + ":" + location.line() + ":" + location.column() + ": "
                + (path.isEmpty() ? "" : path + ": ") + message
                + (allowed == null ? "" : " (allowed: " + allowed + ")");
    }
}
