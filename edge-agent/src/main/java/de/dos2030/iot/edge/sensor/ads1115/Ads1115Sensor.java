package de.dos2030.iot.edge.sensor.ads1115;

import static de.dos2030.iot.edge.sensor.ads1115.Ads1115Constants.*;

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
 * A strain gauge on an ADS1115: single-shot conversions at the configured period, each started,
 * waited for (returned delay) and read. A saturated result (open gauge, broken wire) is flagged
 * OUT_OF_RANGE with a fault.
 */
public final class Ads1115Sensor implements Acquisition {

    /**
     * @param gaugeFactor      gauge factor, ~2.0 for metal foil
     * @param excitationVolts  bridge excitation
     * @param zeroVolts        bridge output at zero strain (balance), from calibration
     * @param fullScaleVolts   PGA full scale; 0.256 V suits a bridge output of a few mV
     * @param samplesPerSecond ADC data rate
     */
    public record Settings(
            double gaugeFactor,
            double excitationVolts,
            double zeroVolts,
            double fullScaleVolts,
            int samplesPerSecond,
            Duration period) {
        public Settings {
            if (gaugeFactor <= 0) throw new IllegalArgumentException("gauge factor must be > 0");
            if (excitationVolts <= 0) throw new IllegalArgumentException("excitation must be > 0 V");
            pgaCode(fullScaleVolts);
            if (period.compareTo(conversionTime(dataRateCode(samplesPerSecond))) <= 0) {
                throw new IllegalArgumentException(
                        "period " + period + " is shorter than a conversion at " + samplesPerSecond + " SPS");
            }
        }
    }

    private enum State {
        CONFIGURE,
        START,
        READ
    }

    private final Ads1115Driver driver;
    private final Settings settings;
    private final int pga;
    private final int dr;
    private State state = State.CONFIGURE;
    private int polls;

    public Ads1115Sensor(Ads1115Driver driver, Settings settings) {
        this.driver = driver;
        this.settings = settings;
        this.pga = pgaCode(settings.fullScaleVolts());
        this.dr = dataRateCode(settings.samplesPerSecond());
    }

    @Override
    public SensorLabel label() {
        return driver.label();
    }

    @Override
    public List<Quantity> quantities() {
        return List.of(Quantity.STRAIN);
    }

    @Override
    public Optional<String> identity() {
        return state == State.CONFIGURE
                ? Optional.empty()
                : Optional.of("config read back (ADS1115 has no id register)");
    }

    @Override
    public void restart() {
        state = State.CONFIGURE;
    }

    @Override
    public Duration step(Instant now, SampleSink sink) throws SensorException {
        switch (state) {
            case CONFIGURE -> {
                driver.configure(pga, dr);
                state = State.START;
                return Duration.ZERO;
            }
            case START -> {
                driver.startConversion(pga, dr);
                polls = 0;
                state = State.READ;
                return conversionTime(dr);
            }
            case READ -> {
                if (!driver.conversionDone()) {
                    if (++polls > 5) throw label().timeout("conversion never completed");
                    return conversionTime(dr).dividedBy(4);
                }
                Ads1115Driver.Measurement m = driver.readConversion(pga);
                double strain = Ads1115Driver.strainMicro(
                        m.volts(), settings.zeroVolts(), settings.gaugeFactor(), settings.excitationVolts());
                state = State.START;
                if (m.saturated()) {
                    sink.sample(new Sample(label().sensorId(), Quantity.STRAIN, now, strain, Quality.OUT_OF_RANGE));
                    sink.fault(label().invalidValue(String.format(
                            "input at the +-%.3f V rail (%d): check the gauge and its wires (open gauge?)",
                            settings.fullScaleVolts(), m.raw())));
                } else {
                    sink.sample(Sample.checked(label().sensorId(), Quantity.STRAIN, now, strain, Quality.OK));
                }
                Duration rest = settings.period().minus(conversionTime(dr));
                return rest.isNegative() ? Duration.ZERO : rest;
            }
            default -> throw new IllegalStateException(state.name());
        }
    }
}
