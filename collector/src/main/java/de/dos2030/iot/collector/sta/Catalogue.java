package de.dos2030.iot.collector.sta;

import de.dos2030.iot.model.Quantity;
import java.util.Map;
import java.util.Set;

/**
 * What the collector knows of quantities and chips that SensorThings wants spelled out: each
 * quantity's definition (a QUDT quantity kind) and UCUM unit code, and the chip a sensor most likely
 * is, from the quantities it reports. Gateways do not send their chip model, so a Sensor's model is
 * inferred (and says so in its properties).
 */
final class Catalogue {
    private Catalogue() {}

    record Chip(String model, String datasheet) {}

    private static final Chip SCD4X = new Chip("Sensirion SCD4x", "https://sensirion.com/products/catalog/SCD41");
    private static final Chip SHT4X = new Chip("Sensirion SHT4x", "https://sensirion.com/products/catalog/SHT40");
    private static final Chip BME280 = new Chip(
            "Bosch BME280", "https://www.bosch-sensortec.com/products/environmental-sensors/humidity-sensors-bme280/");
    private static final Chip ADS1115 =
            new Chip("TI ADS1115 with strain gauge bridge", "https://www.ti.com/product/ADS1115");
    private static final Chip SCL3300 = new Chip(
            "Murata SCL3300", "https://www.murata.com/en-global/products/sensor/inclinometer/overview/lineup/scl3300");
    private static final Chip ADXL355 =
            new Chip("Analog Devices ADXL355", "https://www.analog.com/en/products/adxl355.html");

    /** The chip a sensor reporting these quantities most likely is. */
    static Chip chip(Set<Quantity> quantities) {
        if (quantities.contains(Quantity.CO2)) {
            return SCD4X;
        }
        if (quantities.contains(Quantity.AIR_PRESSURE)) {
            return BME280;
        }
        if (quantities.contains(Quantity.STRAIN)) {
            return ADS1115;
        }
        if (quantities.contains(Quantity.TILT)) {
            return SCL3300;
        }
        if (quantities.contains(Quantity.TEMPERATURE) || quantities.contains(Quantity.RELATIVE_HUMIDITY)) {
            return quantities.contains(Quantity.ACCELERATION) ? ADXL355 : SHT4X;
        }
        return ADXL355;
    }

    private static final Map<String, String> UCUM = Map.of(
            "ppm", "[ppm]", "degC", "Cel", "%", "%", "hPa", "hPa", "um/m", "um/m", "g", "[g]", "deg", "deg", "Hz", "Hz",
            "1", "1");

    /** The UCUM code of one of our unit spellings. */
    static String ucum(String unit) {
        return UCUM.getOrDefault(unit, unit);
    }

    /** The QUDT quantity kind a quantity is an instance of. */
    static String definition(Quantity q) {
        String kind = switch (q) {
            case CO2 -> "MoleFraction";
            case TEMPERATURE -> "Temperature";
            case RELATIVE_HUMIDITY -> "RelativeHumidity";
            case AIR_PRESSURE -> "Pressure";
            case STRAIN -> "Strain";
            case ACCELERATION, VIBRATION_RMS, VIBRATION_PEAK, MODE_F1_AMPLITUDE, MODE_F2_AMPLITUDE, MODE_F3_AMPLITUDE ->
                "Acceleration";
            case TILT -> "PlaneAngle";
            case DOMINANT_FREQUENCY, MODE_F1_FREQUENCY, MODE_F2_FREQUENCY, MODE_F3_FREQUENCY -> "Frequency";
            default -> "DimensionlessRatio";
        };
        return "http://qudt.org/vocab/quantitykind/" + kind;
    }

    /** A name people read: {@code co2} as "CO2", {@code vibration_rms} as "vibration rms". */
    static String label(Quantity q) {
        return q == Quantity.CO2 ? "CO2" : q.wireName().replace('_', ' ');
    }
}
