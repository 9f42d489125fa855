package de.dos2030.iot.edge.cli.replay;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.edge.pipeline.Pipeline;
import de.dos2030.iot.edge.pipeline.PipelineOutput;
import de.dos2030.iot.edge.pipeline.SpectrumListener;
import de.dos2030.iot.edge.recorded.RecordedFiles;
import de.dos2030.iot.edge.recorded.RecordedTable;
import de.dos2030.iot.edge.recorded.ReplaySensor;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sample.SensorFault;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.model.Quality;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs a gateway file's replay sources through the full pipeline, without any uplink. The
 * sources run on the discrete-event scheduler with a virtual clock, so {@code max} speed takes as
 * long as the processing does; a numeric speed paces the virtual clock to the wall clock. The
 * pipeline's clock is the recorded time (one scheduler step behind the sources, so that no window
 * or no-data timer closes before every source has delivered up to that time).
 */
public final class ReplayRun {

    /** The highest speed a replay source accepts; {@code max} runs at it on virtual time. */
    public static final double MAX_SPEED = 1000;

    private static final Duration STEP = Duration.ofMillis(20);
    private static final Instant VIRTUAL_START = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * @param speed recorded seconds per wall second; empty for as fast as possible
     * @param from  first recorded instant to process; samples before it are skipped
     * @param to    recorded instant to stop at (exclusive)
     */
    public record Options(Optional<Double> speed, Optional<Instant> from, Optional<Instant> to) {
        public static Options max() {
            return new Options(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** What the run covered, for the summary. */
    public record Coverage(Instant recordedStart, Instant recordedEnd, long samples, long faults) {}

    private ReplayRun() {}

    /**
     * @throws IllegalArgumentException when a sensor has no replay source (names it)
     * @throws IOException              when a recorded file cannot be read
     */
    public static Coverage run(GatewayConfig config, Options options, PipelineOutput output, SpectrumListener spectra)
            throws IOException, InterruptedException {
        double speed = options.speed().orElse(MAX_SPEED);
        if (!(speed > 0 && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException(
                    "--speed " + speed + " is out of range (allowed: above 0 up to " + (int) MAX_SPEED + ", or max)");
        }
        Instant recordedStart = null;
        Instant recordedEnd = null;
        List<SensorConfig> sensors = config.sensors();
        for (SensorConfig s : sensors) {
            if (!(s.source() instanceof SourceConfig.Replay replay)) {
                throw new IllegalArgumentException(
                        "sensor '" + s.id() + "' has a " + s.source().kind()
                                + " source: replay runs gateway files whose sensors all replay recorded files");
            }
            RecordedTable table = RecordedFiles.load(replay.file());
            Instant first = table.time(0);
            Instant last = table.time(table.rows() - 1);
            recordedStart = recordedStart == null || first.isBefore(recordedStart) ? first : recordedStart;
            recordedEnd = recordedEnd == null || last.isAfter(recordedEnd) ? last : recordedEnd;
        }
        if (recordedStart == null) {
            throw new IllegalArgumentException("the gateway file lists no sensors");
        }
        Instant begin = options.from().filter(recordedStart::isBefore).orElse(recordedStart);
        Instant end = options.to().filter(recordedEnd::isAfter).orElse(recordedEnd.plusMillis(1));

        VirtualClock recorded = new VirtualClock(begin);
        VirtualClock virtual = new VirtualClock(VIRTUAL_START);
        Pipeline pipeline = Pipeline.inMemory(config, recorded, output, spectra);
        Feed feed = new Feed(pipeline, recorded, begin, end);
        SensorScheduler scheduler = new SensorScheduler(virtual, feed);
        for (SensorConfig s : sensors) {
            SourceConfig.Replay replay = (SourceConfig.Replay) s.source();
            SensorLabel label = new SensorLabel(
                    s.driver().chipName(), s.id(), replay.file().toString(), "the replay file and its column names");
            Duration spacing = Duration.ofNanos(s.sampling().period().toNanos() * 9 / 10);
            scheduler.add(
                    "replay-" + s.id(),
                    new ReplaySensor(label, replay.file(), replay.columns(), speed, false, spacing));
        }
        Instant firstRecorded = recordedStart;
        long wallStart = System.nanoTime();
        boolean paced = options.speed().isPresent();
        Duration virtualSpan = Duration.ofMillis(
                        (long) Math.ceil(Duration.between(recordedStart, end).toMillis() / speed))
                .plus(STEP.multipliedBy(2));
        try {
            scheduler.runUntil(VIRTUAL_START.plus(virtualSpan), now -> {
                virtual.setInstant(now);
                if (paced) {
                    pace(wallStart, Duration.between(VIRTUAL_START, now));
                }
                long behind = Math.max(
                        0, Duration.between(VIRTUAL_START, now).minus(STEP).toMillis());
                recorded.setInstant(firstRecorded.plusMillis((long) (behind * speed)));
                if (!recorded.instant().isBefore(begin) && recorded.instant().isBefore(end)) {
                    pipeline.tick();
                }
            });
        } catch (Interrupted e) {
            throw e.cause;
        }
        recorded.setInstant(end);
        pipeline.flush();
        return new Coverage(begin, end, feed.samples, feed.faults);
    }

    private static void pace(long wallStart, Duration virtualElapsed) {
        long due = wallStart + virtualElapsed.toNanos();
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Interrupted(e);
            }
        }
    }

    /** Carries an interrupt out of the scheduler's callback. */
    private static final class Interrupted extends RuntimeException {
        final InterruptedException cause;

        Interrupted(InterruptedException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    /** Between sources and pipeline: drops what lies outside [from, to), stamps faults with recorded time. */
    private static final class Feed implements SensorListener {
        private final Pipeline pipeline;
        private final VirtualClock recorded;
        private final Instant from;
        private final Instant to;
        long samples;
        long faults;

        Feed(Pipeline pipeline, VirtualClock recorded, Instant from, Instant to) {
            this.pipeline = pipeline;
            this.recorded = recorded;
            this.from = from;
            this.to = to;
        }

        @Override
        public void sample(Sample sample) {
            if (sample.timestamp().isBefore(from) || !sample.timestamp().isBefore(to)) {
                return;
            }
            samples++;
            pipeline.sample(sample);
        }

        @Override
        public void fault(SensorFault fault) {
            faults++;
            pipeline.fault(new SensorFault(fault.sensorId(), fault.kind(), fault.message(), recorded.instant()));
        }

        @Override
        public void recovered(String sensorId, Instant time) {
            pipeline.recovered(sensorId, recorded.instant());
        }

        @Override
        public void axes(String sensorId, Instant time, double x, double y, double z, Quality quality) {
            if (!time.isBefore(from) && time.isBefore(to)) {
                pipeline.axes(sensorId, time, x, y, z, quality);
            }
        }
    }
}
