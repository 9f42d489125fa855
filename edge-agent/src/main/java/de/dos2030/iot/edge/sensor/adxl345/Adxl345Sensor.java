package de.dos2030.iot.edge.sensor.adxl345;

import static de.dos2030.iot.edge.sensor.adxl345.Adxl345Constants.*;

import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.Axis;
import de.dos2030.iot.edge.sensor.FifoTimeline;
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
 * ADXL345 streaming through its 32-entry FIFO in stream mode: the chip samples at its own output
 * data rate and the agent drains the FIFO when it is a quarter full (8 samples), so the bus sees
 * one drain every 8 sample periods instead of a poll per sample, a bus thread that runs late has
 * three quarters of the FIFO (60 ms at 400 Hz) before a sample is lost, and a later drain still
 * finds the newest 32. Sample times are reconstructed from the ODR along a
 * {@link FifoTimeline} (evenly spaced, following the drain times). An
 * overrun (samples overwritten before they were read) is a fault and marks the next sample SUSPECT.
 * Each x/y/z set also goes whole to {@link SampleSink#axes} (tilt without an inclinometer).
 */
public final class Adxl345Sensor implements Acquisition {

    /**
     * @param axis   which axis becomes the ACCELERATION series
     * @param rangeG full scale: 2, 4, 8 or 16 g (full resolution keeps 3.9 mg/LSB at each)
     * @param rateHz wanted sample rate; the chip runs at the next rate 3200 / 2^n at or above it
     */
    public record Settings(Axis axis, int rangeG, double rateHz) {
        public Settings {
            rangeCode(rangeG);
            rateCodeFor(rateHz);
        }
    }

    private enum State {
        IDENTIFY,
        STREAM
    }

    private final Adxl345Driver driver;
    private final Settings settings;
    private final int rateCode;
    private final long periodNanos;
    private final FifoTimeline timeline;
    private State state = State.IDENTIFY;
    private String identity;

    public Adxl345Sensor(Adxl345Driver driver, Settings settings) {
        this.driver = driver;
        this.settings = settings;
        this.rateCode = rateCodeFor(settings.rateHz());
        this.periodNanos = periodNanos(rateCode);
        this.timeline = new FifoTimeline(periodNanos);
    }

    @Override
    public SensorLabel label() {
        return driver.label();
    }

    @Override
    public List<Quantity> quantities() {
        return List.of(Quantity.ACCELERATION);
    }

    @Override
    public Optional<String> identity() {
        return Optional.ofNullable(identity);
    }

    @Override
    public void restart() {
        state = State.IDENTIFY;
        timeline.reset();
    }

    /** Output data rate the chip actually runs at. */
    public double outputDataRateHz() {
        return Adxl345Constants.outputDataRateHz(rateCode);
    }

    /** Time between FIFO drains: 8 samples (a quarter of the FIFO), bounded to 2 ms .. 1 s. */
    public Duration drainInterval() {
        long nanos = Math.max(2_000_000L, Math.min(1_000_000_000L, (FIFO_CAPACITY / 4) * periodNanos));
        return Duration.ofNanos(nanos);
    }

    @Override
    public Duration step(Instant now, SampleSink sink) throws SensorException {
        switch (state) {
            case IDENTIFY -> {
                driver.checkIdentity();
                identity = String.format("DEVID 0x%02X", DEVID);
                driver.configure(rangeCode(settings.rangeG()), rateCode);
                state = State.STREAM;
                return drainInterval();
            }
            case STREAM -> {
                Adxl345Driver.FifoRead fifo = driver.readFifo();
                Quality quality = Quality.OK;
                if (fifo.overrun()) {
                    sink.fault(label().timeout("FIFO overrun: samples were lost; the bus is too slow or busy for "
                            + outputDataRateHz() + " Hz"));
                    quality = Quality.SUSPECT;
                }
                timeline.deliver(
                        sink,
                        label().sensorId(),
                        settings.axis(),
                        now,
                        fifo.count(),
                        fifo.x(),
                        fifo.y(),
                        fifo.z(),
                        quality);
                return drainInterval();
            }
            default -> throw new IllegalStateException(state.name());
        }
    }
}
