package de.dos2030.iot.edge.sensor;

import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sample.FaultKind;

/**
 * Which chip, which configured sensor, where: the three things every fault message names. Builds
 * the messages so that all drivers say the same thing the same way.
 *
 * @param chip     chip name as printed on it, e.g. {@code SCD41}
 * @param sensorId configured sensor id
 * @param where    bus location, e.g. {@code i2c-1 0x62}, or a replay file
 * @param wiring   what to check when it does not answer, e.g. {@code SDA/SCL wiring and 3.3 V power}
 */
public record SensorLabel(String chip, String sensorId, String where, String wiring) {

    public static final String I2C_WIRING = "SDA/SCL wiring and 3.3 V power";
    public static final String SPI_WIRING = "MOSI/MISO/SCLK/CS wiring and 3.3 V power";

    /** Label for a chip on a bus with the usual wiring advice for that bus. */
    public static SensorLabel on(String chip, String sensorId, BusAddress address) {
        return new SensorLabel(
                chip, sensorId, address.toString(), address instanceof BusAddress.I2c ? I2C_WIRING : SPI_WIRING);
    }

    private String who() {
        return chip + " '" + sensorId + "'";
    }

    public SensorException noAnswer() {
        return new SensorException(FaultKind.NO_ANSWER, who() + " did not answer at " + where + ": check " + wiring);
    }

    public SensorException wrongId(String what, String found, String expected, String hint) {
        return new SensorException(
                FaultKind.WRONG_ID,
                who() + " at " + where + " reports " + what + " " + found + ", expected " + expected + ": " + hint);
    }

    public SensorException crcMismatch(String what, int received, int computed) {
        return new SensorException(
                FaultKind.CRC_MISMATCH,
                String.format(
                        "%s at %s: CRC mismatch in %s (received 0x%02X, computed 0x%02X): check cable length, pull-ups and interference",
                        who(), where, what, received, computed));
    }

    public SensorException selfTestFailed(String detail) {
        return new SensorException(
                FaultKind.SELF_TEST_FAILED,
                who() + " at " + where + " failed its self-test: " + detail
                        + ": power-cycle it; replace the sensor if this persists");
    }

    public SensorException invalidValue(String detail) {
        return new SensorException(
                FaultKind.INVALID_VALUE, who() + " at " + where + " returned an invalid value: " + detail);
    }

    public SensorException timeout(String detail) {
        return new SensorException(FaultKind.TIMEOUT, who() + " at " + where + ": " + detail);
    }

    /** Translate a bus error into the message the technician needs. */
    public SensorException fromBus(BusException e) {
        return switch (e.kind()) {
            case NO_ACKNOWLEDGE ->
                new SensorException(FaultKind.NO_ANSWER, noAnswer().getMessage(), e);
            case TIMEOUT ->
                new SensorException(
                        FaultKind.TIMEOUT,
                        who() + " at " + where + ": bus transaction timed out (" + e.getMessage() + ")",
                        e);
            case OTHER ->
                new SensorException(
                        FaultKind.BUS_ERROR,
                        who() + " at " + where + ": bus error (" + e.getMessage() + "): check " + wiring,
                        e);
        };
    }
}
