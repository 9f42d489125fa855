package de.dos2030.iot.edge.sensor.bme280;

import static de.dos2030.iot.edge.sensor.bme280.Bme280Constants.*;

import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.SampleSink;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * BME280 in forced mode: id check, reset, calibration, then one conversion per period. Forced
 * mode keeps the chip asleep (and cool) between samples, which matters at 5-60 s periods.
 */
public final class Bme280Sensor implements Acquisition {

    private static final int MAX_STATUS_POLLS = 10;

    private enum State {
        CHECK_ID,
        WAIT_NVM,
        CONFIGURE,
        MEASURE,
        READ
    }

    private final Bme280Driver driver;
    private final Duration period;
    private State state = State.CHECK_ID;
    private int polls;
    private String identity;

    public Bme280Sensor(Bme280Driver driver, Duration period) {
        if (period.compareTo(FORCED_MEASUREMENT_TIME) <= 0)
            throw new IllegalArgumentException("period must exceed " + FORCED_MEASUREMENT_TIME);
        this.driver = driver;
        this.period = period;
    }

    @Override
    public SensorLabel label() {
        return driver.label();
    }

    @Override
    public List<Quantity> quantities() {
        return List.of(Quantity.TEMPERATURE, Quantity.RELATIVE_HUMIDITY, Quantity.AIR_PRESSURE);
    }

    @Override
    public Optional<String> identity() {
        return Optional.ofNullable(identity);
    }

    @Override
    public void restart() {
        state = State.CHECK_ID;
    }

    @Override
    public Duration step(Instant now, SampleSink sink) throws SensorException {
        switch (state) {
            case CHECK_ID -> {
                driver.checkChipId();
                identity = String.format("chip id 0x%02X", CHIP_ID);
                driver.softReset();
                polls = 0;
                state = State.WAIT_NVM;
                return START_UP_TIME;
            }
            case WAIT_NVM -> {
                if (driver.isUpdatingCalibration()) {
                    if (++polls > MAX_STATUS_POLLS)
                        throw label().timeout("calibration copy after reset never finished");
                    return START_UP_TIME;
                }
                state = State.CONFIGURE;
                return Duration.ZERO;
            }
            case CONFIGURE -> {
                driver.readCalibration();
                driver.configure();
                state = State.MEASURE;
                return Duration.ZERO;
            }
            case MEASURE -> {
                driver.startForcedMeasurement();
                polls = 0;
                state = State.READ;
                return FORCED_MEASUREMENT_TIME;
            }
            case READ -> {
                if (driver.isMeasuring()) {
                    if (++polls > MAX_STATUS_POLLS) throw label().timeout("forced measurement never finished");
                    return Duration.ofMillis(2);
                }
                Bme280Driver.Measurement m = driver.readMeasurement();
                String id = label().sensorId();
                if (!Double.isNaN(m.temperatureC()))
                    sink.sample(Sample.checked(id, Quantity.TEMPERATURE, now, m.temperatureC(), Quality.OK));
                if (!Double.isNaN(m.humidityPercent()))
                    sink.sample(Sample.checked(id, Quantity.RELATIVE_HUMIDITY, now, m.humidityPercent(), Quality.OK));
                if (!Double.isNaN(m.pressureHpa()))
                    sink.sample(Sample.checked(id, Quantity.AIR_PRESSURE, now, m.pressureHpa(), Quality.OK));
                if (!m.complete()) {
                    sink.fault(label().invalidValue("skipped-measurement sentinel for " + m.skipped()
                            + ": the chip did not measure it; check that ctrl_hum is written before ctrl_meas"));
                    state = State.CONFIGURE; // put oversampling back in a known state
                    return period.minus(FORCED_MEASUREMENT_TIME);
                }
                state = State.MEASURE;
                return period.minus(FORCED_MEASUREMENT_TIME);
            }
            default -> throw new IllegalStateException(state.name());
        }
    }
}
