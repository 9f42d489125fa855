package de.dos2030.iot.edge.sensor.adxl355;

import static de.dos2030.iot.edge.sensor.adxl355.Adxl355Constants.*;

import de.dos2030.iot.edge.sample.Sample;
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
 * ADXL355 streaming through its FIFO: the chip samples at its own output data rate and the agent
 * drains the FIFO when it is a quarter full (8 of 32 sets), so a 500 Hz stream costs about 60
 * bus transactions a second instead of 500, and a bus thread that runs late still has three
 * quarters of the FIFO (48 ms at 500 Hz, 192 ms at 125 Hz) before a sample is lost; a late drain
 * takes everything the FIFO holds. Sample times are reconstructed from the ODR along a
 * {@link FifoTimeline} (evenly spaced, following the drain times). An overrun (samples lost) is
 * a fault and marks the next samples SUSPECT.
 * Each x/y/z set also goes whole to {@link SampleSink#axes} (tilt without an inclinometer).
 */
public final class Adxl355Sensor implements Acquisition {

    static final Duration TEMPERATURE_PERIOD = Duration.ofSeconds(10);
    /** Sets per drain: a quarter of the FIFO's 32, leaving the rest as slack for a late bus thread. */
    static final int DRAIN_SETS = FIFO_CAPACITY_ENTRIES / 3 / 4;

    /**
     * @param axis   which axis becomes the ACCELERATION series
     * @param rangeG full scale: 2, 4 or 8 g
     * @param rateHz wanted sample rate; the chip runs at the next rate 4000 / 2^n at or above it
     */
    public record Settings(Axis axis, int rangeG, double rateHz) {
        public Settings {
            rangeCode(rangeG);
            odrCodeFor(rateHz);
        }
    }

    private enum State {
        IDENTIFY,
        CONFIGURE,
        STREAM
    }

    private final Adxl355Driver driver;
    private final Settings settings;
    private final int odrCode;
    private final long periodNanos;
    private final FifoTimeline timeline;
    private State state = State.IDENTIFY;
    private String identity;
    private Instant nextTemperature = Instant.MIN;

    public Adxl355Sensor(Adxl355Driver driver, Settings settings) {
        this.driver = driver;
        this.settings = settings;
        this.odrCode = odrCodeFor(settings.rateHz());
        this.periodNanos = periodNanos(odrCode);
        this.timeline = new FifoTimeline(periodNanos);
    }

    @Override
    public SensorLabel label() {
        return driver.label();
    }

    @Override
    public List<Quantity> quantities() {
        return List.of(Quantity.ACCELERATION, Quantity.TEMPERATURE);
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
        return Adxl355Constants.outputDataRateHz(odrCode);
    }

    /** Time between FIFO drains: 8 sets (a quarter of the FIFO), bounded to 2 ms .. 1 s. */
    public Duration drainInterval() {
        long nanos = Math.max(2_000_000L, Math.min(1_000_000_000L, DRAIN_SETS * periodNanos));
        return Duration.ofNanos(nanos);
    }

    @Override
    public Duration step(Instant now, SampleSink sink) throws SensorException {
        switch (state) {
            case IDENTIFY -> {
                int rev = driver.checkIdentity();
                identity = String.format("ids 0xAD 0x1D 0xED rev 0x%02X", rev);
                driver.reset();
                state = State.CONFIGURE;
                return RESET_TIME;
            }
            case CONFIGURE -> {
                driver.checkIdentity(); // still the same chip after reset
                driver.configure(rangeCode(settings.rangeG()), odrCode);
                state = State.STREAM;
                return drainInterval();
            }
            case STREAM -> {
                Adxl355Driver.FifoRead fifo = driver.readFifo();
                Quality quality = Quality.OK;
                if (fifo.overrun()) {
                    sink.fault(label().timeout("FIFO overrun: samples were lost; the bus is too slow or busy for "
                            + outputDataRateHz() + " Hz"));
                    quality = Quality.SUSPECT;
                }
                String id = label().sensorId();
                timeline.deliver(sink, id, settings.axis(), now, fifo.count(), fifo.x(), fifo.y(), fifo.z(), quality);
                if (!now.isBefore(nextTemperature)) {
                    sink.sample(Sample.checked(id, Quantity.TEMPERATURE, now, driver.readTemperatureC(), Quality.OK));
                    nextTemperature = now.plus(TEMPERATURE_PERIOD);
                }
                return drainInterval();
            }
            default -> throw new IllegalStateException(state.name());
        }
    }
}
