package de.dos2030.iot.edge.sensor.sht3x;

import static de.dos2030.iot.edge.sensor.sht3x.Sht3xConstants.*;

import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.sensirion.SingleShotHumiditySensor;
import java.time.Duration;

/** SHT3x: soft reset, serial, then a single-shot high-repeatability measurement per period. */
public final class Sht3xSensor extends SingleShotHumiditySensor {
    private static final Commands COMMANDS = new Commands(
            SOFT_RESET, RESET_TIME, READ_SERIAL_NUMBER, SERIAL_TIME, MEASURE_HIGH_REPEATABILITY, MEASURE_TIME);

    private final Sht3xDriver driver;

    public Sht3xSensor(Sht3xDriver driver, Duration period) {
        super(COMMANDS, period);
        this.driver = driver;
    }

    @Override
    public SensorLabel label() {
        return driver.label();
    }

    @Override
    protected void send(int command) throws SensorException {
        driver.send(command);
    }

    @Override
    protected long readSerialNumber() throws SensorException {
        return driver.readSerialNumber();
    }

    @Override
    protected Reading readMeasurement() throws SensorException {
        Sht3xDriver.Measurement m = driver.readMeasurement();
        return new Reading(m.temperatureC(), m.humidityPercent(), false);
    }
}
