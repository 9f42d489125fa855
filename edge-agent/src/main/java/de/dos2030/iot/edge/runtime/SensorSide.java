package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.hardware.pi4j.Pi4jBusFactory;
import de.dos2030.iot.edge.pipeline.action.GpioOutputs;
import de.dos2030.iot.edge.recorded.ReplaySensor;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sim.TimeLapse;
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

    SensorSide(GatewayConfig config, Clock clock, TimeLapse lapse, SensorListener listener) {
        this.sensors = GatewaySensors.open(
                config, new SimulatedWorld(clock, lapse), Pi4jBusFactory::new, GatewaySensors.AS_CONFIGURED);
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
