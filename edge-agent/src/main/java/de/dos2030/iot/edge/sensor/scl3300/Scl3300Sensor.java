package de.dos2030.iot.edge.sensor.scl3300;

import static de.dos2030.iot.edge.sensor.scl3300.Scl3300Constants.*;

import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.Axis;
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
 * SCL3300 start-up per datasheet (reset, mode 4, angles on, settle 100 ms, clear STATUS, WHOAMI),
 * then angle reads at the configured period. A return status "error" after start-up means the
 * chip's internal monitoring failed: a self-test fault.
 */
public final class Scl3300Sensor implements Acquisition {

    private enum State {
        RESET,
        CONFIGURE,
        CLEAR_STATUS,
        MEASURE
    }

    private final Scl3300Driver driver;
    private final Axis axis;
    private final Duration period;
    private State state = State.RESET;
    private String identity;

    public Scl3300Sensor(Scl3300Driver driver, Axis axis, Duration period) {
        this.driver = driver;
        this.axis = axis;
        this.period = period;
    }

    @Override
    public SensorLabel label() {
        return driver.label();
    }

    @Override
    public List<Quantity> quantities() {
        return List.of(Quantity.TILT);
    }

    @Override
    public Optional<String> identity() {
        return Optional.ofNullable(identity);
    }

    @Override
    public void restart() {
        state = State.RESET;
    }

    @Override
    public Duration step(Instant now, SampleSink sink) throws SensorException {
        switch (state) {
            case RESET -> {
                driver.softReset();
                state = State.CONFIGURE;
                return RESET_TIME;
            }
            case CONFIGURE -> {
                driver.configureInclinationMode();
                state = State.CLEAR_STATUS;
                return MODE_4_SETTLING;
            }
            case CLEAR_STATUS -> {
                driver.clearStatus();
                driver.checkWhoAmI();
                identity = String.format("WHOAMI 0x%02X", WHOAMI);
                state = State.MEASURE;
                return Duration.ZERO;
            }
            case MEASURE -> {
                try {
                    Scl3300Driver.Measurement m = driver.readAngles();
                    sink.sample(Sample.checked(
                            label().sensorId(), Quantity.TILT, now, axis.of(m.xDeg(), m.yDeg(), m.zDeg()), Quality.OK));
                } catch (SensorException e) {
                    if (e.kind() != FaultKind.CRC_MISMATCH) throw e;
                    sink.fault(e);
                }
                return period;
            }
            default -> throw new IllegalStateException(state.name());
        }
    }
}
