package de.dos2030.iot.edge.source;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Recorder;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sim.TimeLapse;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.model.Quantity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's classroom: a school day in minutes, with readings on the real clock. */
class SimulatedWorldTimeLapseTest {

    static final Instant REAL = Instant.parse("2026-11-27T01:00:00Z");
    /** Monday 07:30 in Dortmund. */
    static final Instant MONDAY_MORNING = Instant.parse("2025-03-10T06:30:00Z");

    @Test
    void anUnairedClassroomAtSpeed200PassesTwoThousandPpmAndAirsOutWithinMinutesOfRealTime() throws Exception {
        GatewayConfig config = GatewayConfigLoader.load(Path.of("../firmware-config/examples/school-simulated.yaml"));
        VirtualClock clock = new VirtualClock(REAL);
        SimulatedWorld world = new SimulatedWorld(clock, new TimeLapse(REAL, MONDAY_MORNING, 200));
        Recorder recorder = new Recorder();
        SensorScheduler scheduler = new SensorScheduler(clock, recorder);
        for (SensorConfig s : config.sensors()) {
            world.place(s);
            SensorSources.Source source = SensorSources.create(s, world.buses());
            scheduler.add(source.lane(), source.acquisition());
        }
        scheduler.runUntil(REAL.plusSeconds(300), clock::setInstant);

        List<Sample> co2 = recorder.of("r204-air", Quantity.CO2);
        // one sample per 5 s of the real clock, stamped with it (not with the scenario's 2025 morning)
        assertThat(co2).hasSizeBetween(55, 61);
        assertThat(co2).allSatisfy(s -> assertThat(s.timestamp()).isBetween(REAL, REAL.plusSeconds(300)));
        // 60 s real = 200 min of school (until 10:50): past 2000 ppm
        assertThat(valueAt(co2, REAL.plusSeconds(60))).isGreaterThan(2000);
        // 270 s real = 15 h (22:30): the room has aired out below the 900 ppm that clears a 1000 ppm warning
        assertThat(valueAt(co2, REAL.plusSeconds(270))).isLessThan(900);
    }

    private static double valueAt(List<Sample> samples, Instant t) {
        return samples.stream()
                .filter(s -> !s.timestamp().isAfter(t))
                .reduce((a, b) -> b)
                .orElseThrow()
                .value();
    }
}
