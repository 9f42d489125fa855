package de.dos2030.iot.collector.opendata;

import de.dos2030.iot.model.Quantity;

/**
 * One measured series of a location's export: a quantity of one sensor. It becomes two CSV columns:
 * the value, with its unit in the header ({@code co2 [ppm]}), and the readings' quality ({@code co2 quality}).
 *
 * @param label the quantity's wire name, with the sensor in parentheses when the location has several
 *              sensors of that quantity ({@code co2 (r204-air)})
 */
public record ExportColumn(Quantity quantity, String gateway, String sensor, String label) {

    public String valueHeader() {
        return label + " [" + quantity.unit() + "]";
    }

    public String qualityHeader() {
        return label + " quality";
    }
}
