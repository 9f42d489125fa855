package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.hardware.pi4j.Pi4jBusFactory;
import de.dos2030.iot.edge.pipeline.action.GpioOutputs;
import de.dos2030.iot.edge.recorded.ReplaySensor;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.source.GatewaySensors;
import de.dos2030.iot.edge.source.SensorSources;
import de.dos2030.iot.edge.source.SimulatedWorld;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's sensors ({@link GatewaySensors}) scheduled in real time: simulated classroom air
 * optionally time-lapsed, replay files on the live timeline (each sample stamped when it is
 * released, so a recording from 2015 arrives as today's readings). A sensor that cannot be opened
 * is logged and left out; the others run.
 */
final class SensorSide implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SensorSide.class);

    private final GatewaySensors sensors;
    private final SensorScheduler scheduler;

    /**
     * @param world the simulated chips: the process's "hardware", kept across configurations. A chip already in
     *              it stays where the first configuration put it, as a soldered chip would: a new file that
     *              names another address finds nothing there.
     */
    SensorSide(GatewayConfig config, Clock clock, SimulatedWorld world, SensorListener listener) {
        this.sensors = GatewaySensors.open(config, world, Pi4jBusFactory::new, SensorSide::placeOnce);
        this.scheduler = new SensorScheduler(clock, listener);
        for (SensorSources.Source source : sensors.sources()) {
            Acquisition acquisition = source.acquisition() instanceof ReplaySensor replay
                    ? replay.on(ReplaySensor.Timeline.LIVE)
                    : source.acquisition();
            scheduler.add(source.lane(), acquisition);
            log.info(
                    "event=sensor-opened sensor={} driver={} source={}",
                    source.config().id(),
                    source.config().driver().chipName(),
                    source.config().source().kind());
        }
        for (GatewaySensors.Broken b : sensors.broken()) {
            log.error(
                    "event=sensor-unavailable sensor={} driver={} cause=\"{}\"",
                    b.config().id(),
                    b.config().driver().chipName(),
                    b.cause().getMessage());
        }
    }

    private static void placeOnce(SimulatedWorld world, de.dos2030.iot.config.model.SensorConfig s) {
        if (!world.hasChipOf(s.id())) {
            world.place(s);
        }
    }

    /** The sensors that could not be opened. */
    java.util.List<GatewaySensors.Broken> broken() {
        return sensors.broken();
    }

    /** Where the pipeline opens its traffic-light and buzzer pins: the Pi's GPIO, or simulated pins. */
    GpioOutputs gpio() {
        return sensors.outputs()::gpioOutput;
    }

    int running() {
        return sensors.sources().size();
    }

    void start() {
        scheduler.start();
    }

    @Override
    public void close() {
        try {
            scheduler.close();
        } finally {
            sensors.close();
        }
    }
}
