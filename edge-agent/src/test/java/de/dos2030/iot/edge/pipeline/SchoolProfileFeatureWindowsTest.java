package de.dos2030.iot.edge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The school-simulated gateway file's sensors (SCD41 with a Hampel filter that holds back three
 * samples, 15 s at 5 s, BME280 with an EMA) through the real pipeline for a simulated hour, ticked
 * once a second as the agent does: every window feature is reported once, and each CO2 window
 * holds all of its samples (none left out because the filter held it past the window's close).
 */
class SchoolProfileFeatureWindowsTest {

    static final Duration WINDOW = Duration.ofMinutes(5);

    GatewayConfig gw;
    RecordingOutput output;

    /** The example file as it is, except that filtered samples go upstream too ({@code send: both}), to check the windows against. */
    void runSimulatedHour() throws Exception {
        Path file = Path.of("../firmware-config/examples/school-simulated.yaml");
        String yaml = Files.readString(file)
                .replace("    features:\n      - {length: 5m}", "    send: both\n    features:\n      - {length: 5m}");
        assertThat(yaml).contains("send: both");
        gw = GatewayConfigLoader.loadString(
                yaml, file.toAbsolutePath().getParent(), file.getFileName().toString());
        Instant start = Instant.parse("2025-03-10T07:40:00Z");
        VirtualClock clock = new VirtualClock(start);
        output = new RecordingOutput();
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
    }

    @Test
    void reportsEachWindowFeatureOnceOverASimulatedHour() throws Exception {
        runSimulatedHour();

        List<Reading> features = output.readings.stream()
                .filter(r -> r.statistic() != Statistic.SAMPLE)
                .toList();
        Map<String, Long> perKey = features.stream()
                .collect(Collectors.groupingBy(
                        r -> r.sensorId() + " " + r.quantity() + " " + r.statistic() + " " + r.time(),
                        Collectors.counting()));
        assertThat(perKey).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
        // 12 five-minute windows an hour, the first one partial: 11 or 12 CO2 means, none missing.
        assertThat(features.stream().filter(r -> r.quantity() == Quantity.CO2 && r.statistic() == Statistic.MEAN))
                .hasSizeBetween(11, 12);
    }

    @Test
    void eachCo2WindowHoldsAllItsSamplesDespiteTheHampelLag() throws Exception {
        runSimulatedHour();

        List<Reading> co2 = output.readings.stream()
                .filter(r -> r.sensorId().equals("r204-air") && r.quantity() == Quantity.CO2)
                .toList();
        List<Reading> samples =
                co2.stream().filter(r -> r.statistic() == Statistic.SAMPLE).toList();
        List<Reading> means =
                co2.stream().filter(r -> r.statistic() == Statistic.MEAN).toList();
        Instant first = samples.get(0).time();
        List<Reading> fullWindows = means.stream()
                .filter(m -> !m.time().minus(WINDOW).isBefore(first))
                .toList();
        assertThat(fullWindows).hasSizeGreaterThanOrEqualTo(10);
        for (Reading mean : fullWindows) {
            Instant end = mean.time();
            List<Reading> in = samples.stream()
                    .filter(r ->
                            !r.time().isBefore(end.minus(WINDOW)) && r.time().isBefore(end))
                    .toList();
            // 5 minutes at 5 s: 60 samples, and the window's statistics are exactly theirs.
            assertThat(in).as("samples of the window ending " + end).hasSize(60);
            double expected = in.stream().mapToDouble(Reading::value).average().orElseThrow();
            assertThat(mean.value()).as("mean of the window ending " + end).isCloseTo(expected, within(1e-9));
            double max = in.stream().mapToDouble(Reading::value).max().orElseThrow();
            assertThat(co2.stream()
                            .filter(r ->
                                    r.statistic() == Statistic.MAX && r.time().equals(end)))
                    .singleElement()
                    .satisfies(r -> assertThat(r.value()).isCloseTo(max, within(1e-9)));
        }
    }
}
