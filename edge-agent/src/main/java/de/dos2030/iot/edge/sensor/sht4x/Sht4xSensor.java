package de.dos2030.iot.edge.sensor.sht4x;

import static de.dos2030.iot.edge.sensor.sht4x.Sht4xConstants.*;

import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.sensirion.SingleShotHumiditySensor;
import java.time.Duration;

/** SHT4x: soft reset, serial, then a high-precision measurement per period. */
public final class Sht4xSensor extends SingleShotHumiditySensor {
    private static final Commands COMMANDS =
            new Commands(SOFT_RESET, RESET_TIME, READ_SERIAL_NUMBER, SERIAL_TIME, MEASURE_HIGH_PRECISION, MEASURE_TIME);

    private final Sht4xDriver driver;

    public Sht4xSensor(Sht4xDriver driver, Duration period) {
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
        Sht4xDriver.Measurement m = driver.readMeasurement();
        return new Reading(m.temperatureC(), m.humidityPercent(), m.humidityClamped());
    }
}
