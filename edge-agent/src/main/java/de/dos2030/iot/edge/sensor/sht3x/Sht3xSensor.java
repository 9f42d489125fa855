package de.dos2030.iot.edge.sensor.sht3x;

import static de.dos2030.iot.edge.sensor.sht3x.Sht3xConstants.*;

import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.FaultKind;
import de.dos2030.iot.edge.sensor.Sample;
import de.dos2030.iot.edge.sensor.SampleSink;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SHT3x as a state machine: soft reset, serial, then a single-shot high-repeatability measurement per period. */
public final class Sht3xSensor implements Acquisition {

    private enum State { RESET, SERIAL_REQUEST, SERIAL_READ, MEASURE, READ }

    private final Sht3xDriver driver;
    private final Duration period;
    private State state = State.RESET;
    private String identity;

    public Sht3xSensor(Sht3xDriver driver, Duration period) {
        if (period.compareTo(MEASURE_TIME) <= 0) throw new IllegalArgumentException("period must exceed " + MEASURE_TIME);
        this.driver = driver;
        this.period = period;
    }

    @Override public SensorLabel label() { return driver.label(); }

    @Override public List<Quantity> quantities() { return List.of(Quantity.TEMPERATURE, Quantity.RELATIVE_HUMIDITY); }

    @Override public Optional<String> identity() { return Optional.ofNullable(identity); }

    @Override public void restart() { state = State.RESET; }

    @Override
    public Duration step(Instant now, SampleSink sink) throws SensorException {
        switch (state) {
            case RESET -> {
                driver.send(SOFT_RESET);
                state = State.SERIAL_REQUEST;
                return RESET_TIME;
            }
            case SERIAL_REQUEST -> {
                driver.send(READ_SERIAL_NUMBER);
                state = State.SERIAL_READ;
                return SERIAL_TIME;
            }
            case SERIAL_READ -> {
                identity = String.format("serial 0x%08X", driver.readSerialNumber());
                state = State.MEASURE;
                return Duration.ZERO;
            }
            case MEASURE -> {
                driver.send(MEASURE_HIGH_REPEATABILITY);
                state = State.READ;
                return MEASURE_TIME;
            }
            case READ -> {
                state = State.MEASURE;
                try {
                    Sht3xDriver.Measurement m = driver.readMeasurement();
                    String id = label().sensorId();
                    sink.sample(Sample.checked(id, Quantity.TEMPERATURE, now, m.temperatureC(), Quality.OK));
                    sink.sample(Sample.checked(id, Quantity.RELATIVE_HUMIDITY, now, m.humidityPercent(), Quality.OK));
                } catch (SensorException e) {
                    if (e.kind() != FaultKind.CRC_MISMATCH) throw e;
                    sink.fault(e); // one corrupted frame: drop it, keep measuring
                }
                return period.minus(MEASURE_TIME);
            }
            default -> throw new IllegalStateException(state.name());
        }
    }
}
