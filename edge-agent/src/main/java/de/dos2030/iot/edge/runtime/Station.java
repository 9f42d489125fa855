package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.batch.Batcher;
import de.dos2030.iot.edge.fleet.SensorWatch;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.pipeline.Pipeline;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sample.SensorFault;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.edge.source.SimulatedWorld;
import de.dos2030.iot.model.Quality;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * What one configuration runs: sensors -> hand-off -> pipeline -> batcher. The agent replaces it
 * as a whole when a new configuration arrives; the outbox it writes to, the dispatcher and the
 * rule state on disk outlive it. {@link #close()} stops the sensors, delivers what they queued,
 * closes the pipeline (its rule state is written) and journals the open batches, so the next
 * station continues the same outbox sequence with nothing lost and nothing twice.
 */
final class Station implements AutoCloseable {

    private final GatewayConfig config;
    private final Batcher batcher;
    private final SensorHandOff handOff;
    private final SensorSide sensors;
    private final SensorTap tap;
    private final Pipeline pipeline;

    private Station(
            GatewayConfig config,
            Batcher batcher,
            SensorHandOff handOff,
            SensorSide sensors,
            SensorTap tap,
            Pipeline pipeline) {
        this.config = config;
        this.batcher = batcher;
        this.handOff = handOff;
        this.sensors = sensors;
        this.tap = tap;
        this.pipeline = pipeline;
    }

    /**
     * Opens the sensors and the pipeline of {@code config}; nothing runs until {@link #start()}.
     *
     * @param orphanReason why an alarm persisted in {@code stateDir} whose rule {@code config} lacks is cleared
     * @throws Exception when an output pin or the rule state cannot be opened (the sensors are closed again)
     */
    static Station open(
            GatewayConfig config,
            Clock clock,
            SimulatedWorld world,
            Outbox outbox,
            ClockSyncProbe clockSync,
            Path stateDir,
            String orphanReason)
            throws Exception {
        Batcher batcher =
                new Batcher(outbox, config.uplink().batching(), config.uplink().alerts(), clock, clockSync::current);
        PipelineHolder holder = new PipelineHolder();
        SensorHandOff handOff = new SensorHandOff(
                holder,
                config.sensors().stream()
                        .filter(s -> s.tilt().isPresent())
                        .map(s -> s.id())
                        .collect(Collectors.toSet()));
        SensorTap tap = new SensorTap(handOff, config.sensors());
        SensorSide sensors = new SensorSide(config, clock, world, tap);
        tap.broken(sensors.broken());
        try {
            holder.pipeline = Pipeline.create(config, clock, batcher, sensors.gpio(), stateDir, orphanReason);
        } catch (Exception | Error e) {
            sensors.close();
            handOff.close();
            throw e;
        }
        return new Station(config, batcher, handOff, sensors, tap, holder.pipeline);
    }

    void start() {
        sensors.start();
    }

    GatewayConfig config() {
        return config;
    }

    Batcher batcher() {
        return batcher;
    }

    SensorWatch watch() {
        return tap;
    }

    int runningSensors() {
        return sensors.running();
    }

    /** Once a second: no-data timers and overdue windows. */
    void tick() {
        pipeline.tick();
    }

    /** A few times a second: batches past their age are journaled. */
    void closeAgedBatches() {
        batcher.tick();
    }

    /** Sensors stop, their queued signals reach the pipeline, the pipeline closes, open batches are journaled. */
    @Override
    public void close() {
        try {
            sensors.close();
        } finally {
            handOff.close();
            try {
                pipeline.close();
            } finally {
                batcher.flush();
            }
        }
    }

    /** The sensors need a listener before the pipeline exists (the pipeline needs their GPIO). */
    private static final class PipelineHolder implements SensorListener {
        volatile Pipeline pipeline;

        @Override
        public void sample(Sample sample) {
            pipeline.sample(sample);
        }

        @Override
        public void fault(SensorFault fault) {
            pipeline.fault(fault);
        }

        @Override
        public void recovered(String sensorId, Instant time) {
            pipeline.recovered(sensorId, time);
        }

        @Override
        public void axes(String sensorId, Instant time, double x, double y, double z, Quality quality) {
            pipeline.axes(sensorId, time, x, y, z, quality);
        }
    }
}
