package de.dos2030.iot.edge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.edge.source.SensorSources;
import de.dos2030.iot.edge.source.SimulatedWorld;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The school-simulated gateway file's sensors (SCD41 with a Hampel filter that holds back three
 * samples, BME280 with an EMA) through the real pipeline for a simulated hour, ticked once a
 * second as the agent does: every window feature is reported once.
 */
class SchoolProfileFeatureWindowsTest {

    @Test
    void reportsEachWindowFeatureOnceOverASimulatedHour() throws Exception {
        GatewayConfig gw = GatewayConfigLoader.load(Path.of("../firmware-config/examples/school-simulated.yaml"));
        Instant start = Instant.parse("2025-03-10T07:40:00Z");
        VirtualClock clock = new VirtualClock(start);
        RecordingOutput output = new RecordingOutput();
        Pipeline pipeline = Pipeline.inMemory(gw, clock, output, null);
        SimulatedWorld world = new SimulatedWorld(clock);
        try (SensorScheduler scheduler = new SensorScheduler(clock, pipeline)) {
            for (SensorConfig s : gw.sensors()) {
                world.place(s);
                SensorSources.Source source = SensorSources.create(s, world.buses());
                scheduler.add(source.lane(), source.acquisition());
            }
            for (int second = 1; second <= 3600; second++) {
                scheduler.runUntil(start.plusSeconds(second), clock::setInstant);
                pipeline.tick();
            }
        }

        List<Reading> features = output.readings.stream().filter(r -> r.statistic() != Statistic.SAMPLE).toList();
        Map<String, Long> perKey = features.stream().collect(Collectors.groupingBy(
                r -> r.sensorId() + " " + r.quantity() + " " + r.statistic() + " " + r.time(), Collectors.counting()));
        assertThat(perKey).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
        // 12 five-minute windows an hour, the first one partial: 11 or 12 CO2 means, none missing.
        assertThat(features.stream().filter(r -> r.quantity() == Quantity.CO2 && r.statistic() == Statistic.MEAN))
                .hasSizeBetween(11, 12);
    }
}
