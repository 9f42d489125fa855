package de.dos2030.iot.edge.sensor.ads1115;

import static de.dos2030.iot.edge.sensor.ads1115.Ads1115Constants.*;

import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.I2cDevice;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;

/**
 * ADS1115 16-bit ADC reading a quarter-bridge strain gauge differentially on AIN0-AIN1.
 * The chip has no id register: identity is checked by writing the config register and reading
 * it back. Not thread-safe.
 */
public final class Ads1115Driver {

    /**
     * @param raw       the signed conversion result
     * @param volts     differential input voltage
     * @param saturated the result sits at a rail of the full-scale range: the input is beyond it
     */
    public record Measurement(int raw, double volts, boolean saturated) {}

    private final I2cDevice device;
    private final SensorLabel label;

    public Ads1115Driver(I2cDevice device, SensorLabel label) {
        this.device = device;
        this.label = label;
    }

    public SensorLabel label() {
        return label;
    }

    public void writeConfig(int config) throws SensorException {
        try {
            device.write(new byte[] {(byte) REG_CONFIG, (byte) (config >> 8), (byte) config});
        } catch (BusException e) {
            throw label.fromBus(e);
        }
    }

    public int readRegister(int register) throws SensorException {
        try {
            byte[] b = device.readRegisters(register, 2);
            return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        } catch (BusException e) {
            throw label.fromBus(e);
        }
    }

    /** Writes the single-shot configuration (without starting) and checks that it reads back. */
    public void configure(int pgaCode, int drCode) throws SensorException {
        int config = singleShotConfig(pgaCode, drCode);
        writeConfig(config);
        int back = readRegister(REG_CONFIG) & ~OS_START;
        if (back != config) {
            throw label.wrongId(
                    "config read-back",
                    String.format("0x%04X", back),
                    String.format("0x%04X", config),
                    "the device at this address is not an ADS1115 (check the ADDR pin and the configuration)");
        }
    }

    public void startConversion(int pgaCode, int drCode) throws SensorException {
        writeConfig(OS_START | singleShotConfig(pgaCode, drCode));
    }

    /** OS bit reads 1 when no conversion is running. */
    public boolean conversionDone() throws SensorException {
        return (readRegister(REG_CONFIG) & OS_START) != 0;
    }

    public Measurement readConversion(int pgaCode) throws SensorException {
        int raw = (short) readRegister(REG_CONVERSION);
        return new Measurement(
                raw, raw * fullScaleVolts(pgaCode) / 32768.0, raw == Short.MAX_VALUE || raw == Short.MIN_VALUE);
    }

    /** Quarter-bridge strain in um/m: 4 * Vout / (GF * Vexc), with Vout relative to the balanced bridge. */
    public static double strainMicro(double vout, double zeroVolts, double gaugeFactor, double excitationVolts) {
        return 4.0 * (vout - zeroVolts) / (gaugeFactor * excitationVolts) * 1e6;
    }
}
