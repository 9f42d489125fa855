package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.edge.hardware.pi4j.Pi4jBusFactory;
import de.dos2030.iot.edge.pipeline.action.GpioOutputs;
import de.dos2030.iot.edge.port.BusFactory;
import de.dos2030.iot.edge.recorded.ReplaySensor;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sim.TimeLapse;
import de.dos2030.iot.edge.source.SensorSources;
import de.dos2030.iot.edge.source.SimulatedWorld;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sensors of the gateway file on their sources, in real time: Pi4J for hardware sensors
 * (opened only when there are any), simulated chips in a {@link SimulatedWorld} (classroom air
 * optionally time-lapsed), replay files on the live timeline (each sample stamped when it is
 * released, so a recording from 2015 arrives as today's readings). A sensor that cannot be opened
 * is logged and left out; the others run.
 */
final class SensorSide implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SensorSide.class);

    private final SimulatedWorld world;
    private final Pi4jBusFactory hardware;
    private final SensorScheduler scheduler;
    private int running;

    SensorSide(GatewayConfig config, Clock clock, TimeLapse lapse, SensorListener listener) {
        boolean anyHardware = config.sensors().stream().anyMatch(s -> s.source() instanceof SourceConfig.Hardware);
        this.hardware = anyHardware ? new Pi4jBusFactory() : null;
        this.world = new SimulatedWorld(clock, lapse);
        this.scheduler = new SensorScheduler(clock, listener);
        for (SensorConfig s : config.sensors()) {
            try {
                BusFactory buses = s.source() instanceof SourceConfig.Hardware ? hardware : world.buses();
                if (s.source() instanceof SourceConfig.Simulated) {
                    world.place(s);
                }
                SensorSources.Source source = SensorSources.create(s, buses);
                Acquisition acquisition = source.acquisition() instanceof ReplaySensor replay
                        ? replay.on(ReplaySensor.Timeline.LIVE)
                        : source.acquisition();
                scheduler.add(source.lane(), acquisition);
                running++;
                log.info(
                        "event=sensor-opened sensor={} driver={} source={}",
                        s.id(),
                        s.driver().chipName(),
                        s.source().kind());
            } catch (Exception e) {
                log.error(
                        "event=sensor-unavailable sensor={} driver={} cause=\"{}\"",
                        s.id(),
                        s.driver().chipName(),
                        e.getMessage());
            }
        }
    }

    /** Where the pipeline opens its traffic-light and buzzer pins: the Pi's GPIO, or simulated pins. */
    GpioOutputs gpio() {
        BusFactory buses = hardware != null ? hardware : world.buses();
        return buses::gpioOutput;
    }

    int running() {
        return running;
    }

    void start() {
        scheduler.start();
    }

    @Override
    public void close() {
        try {
            scheduler.close();
        } finally {
            if (hardware != null) {
                hardware.close();
            }
        }
    }
}
