package de.dos2030.iot.edge.source;

import de.dos2030.iot.config.model.BusConfig;
import de.dos2030.iot.config.model.I2cBus;
import de.dos2030.iot.config.model.ReplayRepeat;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.config.model.SpiBus;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.BusFactory;
import de.dos2030.iot.edge.recorded.ReplaySensor;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.SensorLabel;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns configured sensors into {@link Acquisition}s. Hardware and simulated sources both go
 * through the chip's {@link ChipCatalogue} entry and a {@link BusFactory} (Pi4J or simulated
 * chips); replay sources play a recorded file. The sensor's lane is its bus ({@code i2c-1}, {@code spi-0.0}) or, for replay,
 * one lane per sensor.
 */
public final class SensorSources {

    /** An acquisition and the bus lane it runs on. */
    public record Source(SensorConfig config, Acquisition acquisition, String lane) {}

    private SensorSources() {}

    /** Where a sensor sits on a bus, if it sits on one. */
    public static Optional<BusAddress> busAddress(SensorConfig s) {
        if (s.bus().isEmpty()) return Optional.empty();
        BusConfig bus = s.bus().get();
        if (bus instanceof I2cBus i2c) return Optional.of(new BusAddress.I2c(i2c.bus(), i2c.address()));
        if (bus instanceof SpiBus spi) return Optional.of(new BusAddress.Spi(spi.bus(), spi.chipSelect()));
        return Optional.empty();
    }

    /**
     * @throws BusException                  if the bus device cannot be opened
     * @throws UnsupportedOperationException for a driver this agent version has no implementation of
     * @throws IllegalArgumentException      for a calibration the chip cannot take (message names the sensor)
     */
    public static Source create(SensorConfig s, BusFactory buses) throws BusException {
        if (s.source() instanceof SourceConfig.Replay replay) {
            SensorLabel label = new SensorLabel(
                    s.driver().chipName(), s.id(), "replay " + replay.file().getFileName(), "the replay file");
            Duration spacing = s.sampling() == null
                    ? Duration.ZERO
                    : s.sampling().period().multipliedBy(9).dividedBy(10);
            return new Source(
                    s,
                    new ReplaySensor(
                            label,
                            replay.file(),
                            replay.columns(),
                            replay.speed(),
                            replay.repeat() == ReplayRepeat.LOOP,
                            spacing),
                    "replay-" + s.id());
        }
        BusAddress where = busAddress(s)
                .orElseThrow(() -> new UnsupportedOperationException(s.driver().chipName() + " '" + s.id()
                        + "': GPIO-wired sensors are not supported by this agent version"));
        ChipSupport chip = ChipCatalogue.of(s.driver())
                .orElseThrow(() -> new UnsupportedOperationException(s.driver().chipName() + " '" + s.id() + "': the "
                        + s.driver().wireName() + " driver is not implemented in this agent version"));
        SensorLabel label = SensorLabel.on(s.driver().chipName(), s.id(), where);
        try {
            return new Source(s, chip.open(new ChipWiring(s, where, label, buses)), where.busName());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label.chip() + " '" + s.id() + "': " + e.getMessage(), e);
        }
    }
}
