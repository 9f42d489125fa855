package de.dos2030.iot.edge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.pipeline.action.Light;
import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sample.SensorFault;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.Statistic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {

    static final String ROOM = """
              - id: room-air
                driver: scd41
                source: {kind: simulated, scenario: classroom-aired}
                i2c: {address: 0x62}
                sample-interval: 5s
                features:
                  - {length: 1m}
                rules:
                  - id: room-co2
                    quantity: co2
                    actions: [traffic-light, buzzer]
                  - id: room-co2-watch
                    quantity: co2
                    no-data-after: 1m
            """;
    static final GatewayConfig SCHOOL = TestGateways.school(ROOM);
    static final int GREEN = 17, YELLOW = 27, RED = 22, BUZZER = 13;

    final VirtualClock clock = new VirtualClock(Instant.parse("2026-03-02T08:00:00Z"));
    final RecordingOutput out = new RecordingOutput();
    final FakeGpio gpio = new FakeGpio();

    @TempDir
    Path state;

    Pipeline pipeline(GatewayConfig config) throws Exception {
        return Pipeline.create(config, clock, out, gpio, state);
    }

    /** CO2 {@code ppm} every 5 s for {@code duration}, moving the clock along. */
    void co2(Pipeline p, double ppm, Duration duration) {
        Instant end = clock.instant().plus(duration);
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofSeconds(5));
            p.sample(Sample.ok("room-air", Quantity.CO2, clock.instant(), ppm));
            p.tick();
        }
    }

    Light light() {
        boolean g = gpio.high(GREEN), y = gpio.high(YELLOW), r = gpio.high(RED);
        if (g && y && r) {
            return Light.FAULT;
        }
        assertThat((g ? 1 : 0) + (y ? 1 : 0) + (r ? 1 : 0))
                .as("exactly one lamp lit, or all three")
                .isOne();
        return g ? Light.GREEN : y ? Light.YELLOW : Light.RED;
    }

    boolean buzzing() {
        return !gpio.high(BUZZER); // active low
    }

    @Test
    void trafficLightFollowsTheCo2BandsWithTheRulesHysteresis() throws Exception {
        try (Pipeline p = pipeline(SCHOOL)) {
            assertThat(light()).isEqualTo(Light.GREEN);
            assertThat(buzzing()).isFalse();
            co2(p, 800, Duration.ofMinutes(5));
            co2(p, 1500, Duration.ofSeconds(115));
            assertThat(light()).as("1500 ppm for less than raise-after").isEqualTo(Light.GREEN);
            co2(p, 1500, Duration.ofSeconds(10));
            assertThat(light()).isEqualTo(Light.YELLOW);
            co2(p, 2500, Duration.ofMinutes(3));
            assertThat(light()).isEqualTo(Light.RED);
            assertThat(buzzing()).isTrue();
            assertThat(p.outputs().light()).contains(Light.RED);
            co2(p, 1500, Duration.ofMinutes(6));
            assertThat(light()).isEqualTo(Light.YELLOW);
            assertThat(buzzing()).isFalse();
            co2(p, 950, Duration.ofMinutes(20));
            assertThat(light()).as("inside the limit but within the deadband").isEqualTo(Light.YELLOW);
            co2(p, 850, Duration.ofMinutes(6));
            assertThat(light()).isEqualTo(Light.GREEN);
        }
        assertThat(out.alerts("room-co2"))
                .extracting(a -> a.state() + " " + a.severity())
                .containsExactly("RAISED WARNING", "RAISED CRITICAL", "RAISED WARNING", "CLEARED WARNING");
        // start, four colour changes, shutdown: the pin is not rewritten for every sample
        assertThat(gpio.writes.get(RED)).as("pins written only on change").isEqualTo(6);
    }

    @Test
    void trafficLightShowsAFaultOrMissingDataOfItsCo2SensorWithAllThreeLamps() throws Exception {
        try (Pipeline p = pipeline(SCHOOL)) {
            co2(p, 2500, Duration.ofMinutes(3));
            assertThat(light()).isEqualTo(Light.RED);
            p.fault(new SensorFault(
                    "room-air", FaultKind.CRC_MISMATCH, "CRC mismatch in read_measurement", clock.instant()));
            assertThat(light())
                    .as("a red from a sensor that is no longer trusted")
                    .isEqualTo(Light.FAULT);
            assertThat(p.outputs().light()).contains(Light.FAULT);
            assertThat(buzzing())
                    .as("the buzzer still follows the critical level")
                    .isTrue();
            p.recovered("room-air", clock.instant());
            assertThat(light()).isEqualTo(Light.RED);
            co2(p, 700, Duration.ofMinutes(6));
            assertThat(light()).isEqualTo(Light.GREEN);
            clock.advance(Duration.ofSeconds(61)); // the sensor falls silent: room-co2-watch, no-data-after 1m
            p.tick();
            assertThat(out.raised("room-co2-watch")).isNotEmpty();
            assertThat(light()).isEqualTo(Light.FAULT);
            co2(p, 700, Duration.ofSeconds(5));
            assertThat(light()).as("data again").isEqualTo(Light.GREEN);
        }
    }

    @Test
    void restartInTheMiddleOfAnActiveAlarmNeitherReRaisesNorForgetsIt() throws Exception {
        String id;
        try (Pipeline p = pipeline(SCHOOL)) {
            co2(p, 1600, Duration.ofMinutes(3));
            assertThat(out.raised("room-co2")).hasSize(1);
            id = out.raised("room-co2").get(0).alertId();
        }
        assertThat(gpio.high(GREEN) || gpio.high(YELLOW) || gpio.high(RED))
                .as("light dark while stopped")
                .isFalse();
        out.alerts.clear();
        clock.advance(Duration.ofMinutes(1));
        try (Pipeline p = pipeline(SCHOOL)) {
            assertThat(out.alerts).isEmpty();
            assertThat(light()).as("restored alarm shown at once").isEqualTo(Light.YELLOW);
            assertThat(p.activeAlerts()).singleElement().satisfies(a -> {
                assertThat(a.alertId()).isEqualTo(id);
                assertThat(a.severity()).isEqualTo(Severity.WARNING);
            });
            co2(p, 1600, Duration.ofMinutes(5));
            assertThat(out.alerts("room-co2")).isEmpty();
            co2(p, 700, Duration.ofMinutes(6));
        }
        assertThat(out.alerts("room-co2")).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.CLEARED);
            assertThat(a.alertId()).isEqualTo(id);
        });
    }

    @Test
    void anAlertWhoseRuleWasRemovedIsClearedAtStart() throws Exception {
        try (Pipeline p = pipeline(SCHOOL)) {
            co2(p, 2500, Duration.ofMinutes(3));
        }
        String id = out.raised("room-co2").get(0).alertId();
        out.alerts.clear();
        GatewayConfig without = TestGateways.school("""
                  - id: room-air
                    driver: scd41
                    source: {kind: simulated, scenario: classroom-aired}
                    i2c: {address: 0x62}
                    sample-interval: 5s
            """);
        try (Pipeline p = pipeline(without)) {
            assertThat(out.alerts).singleElement().satisfies(a -> {
                assertThat(a.alertId()).isEqualTo(id);
                assertThat(a.state()).isEqualTo(AlertState.CLEARED);
                assertThat(a.message()).contains("no longer");
            });
            assertThat(light()).isEqualTo(Light.GREEN);
        }
    }

    @Test
    void featureSensorSendsWindowStatisticsAndRawSamplesOnlyDuringAnAlarm() throws Exception {
        try (Pipeline p = pipeline(SCHOOL)) {
            clock.setInstant(Instant.parse("2026-03-02T08:00:00Z"));
            for (int i = 1; i <= 12; i++) { // one aligned minute: 600, 610, ... 710
                clock.advance(Duration.ofSeconds(5));
                p.sample(Sample.ok("room-air", Quantity.CO2, clock.instant().minusMillis(1), 600 + 10 * (i - 1)));
            }
            p.sample(Sample.ok("room-air", Quantity.TEMPERATURE, clock.instant().minusSeconds(30), 21.5));
            p.sample(Sample.ok("room-air", Quantity.CO2, clock.instant().plusSeconds(1), 700)); // closes the window
            p.sample(Sample.ok("room-air", Quantity.TEMPERATURE, clock.instant().plusSeconds(1), 21.7));
            assertThat(out.readings(Quantity.TEMPERATURE, Statistic.MEAN))
                    .as("side channels get windows too")
                    .singleElement()
                    .extracting(r -> r.value())
                    .isEqualTo(21.5);
            assertThat(out.readings(Quantity.CO2, Statistic.SAMPLE))
                    .as("no raw samples while normal")
                    .isEmpty();
            assertThat(out.readings(Quantity.CO2, Statistic.MEAN))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.value()).isCloseTo(655, within(1e-9));
                        assertThat(r.time()).isEqualTo(Instant.parse("2026-03-02T08:01:00Z"));
                    });
            assertThat(out.readings(Quantity.CO2, Statistic.MIN).get(0).value()).isEqualTo(600);
            assertThat(out.readings(Quantity.CO2, Statistic.MAX).get(0).value()).isEqualTo(710);
            assertThat(out.readings(Quantity.CO2, Statistic.STDDEV).get(0).value())
                    .isCloseTo(Math.sqrt((144 - 1) / 12.0) * 10, within(1e-9));
            co2(p, 1500, Duration.ofMinutes(3));
            assertThat(out.readings(Quantity.CO2, Statistic.SAMPLE))
                    .as("raw burst during the alarm")
                    .isNotEmpty();
        }
    }

    @Test
    void implausibleValuesAreFlaggedAndNeverRaiseAnAlarm() throws Exception {
        GatewayConfig rawRoom = TestGateways.school("""
                  - id: room-air
                    driver: scd41
                    source: {kind: simulated, scenario: classroom-aired}
                    i2c: {address: 0x62}
                    sample-interval: 5s
                    rules:
                      - id: room-co2
                        quantity: co2
            """);
        try (Pipeline p = pipeline(rawRoom)) {
            co2(p, 45_000, Duration.ofMinutes(10));
        }
        assertThat(out.alerts).isEmpty();
        assertThat(out.readings(Quantity.CO2, Statistic.SAMPLE))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.OUT_OF_RANGE));
    }

    @Test
    void noDataIsRaisedOnTheClockAndClearedByTheNextSample() throws Exception {
        try (Pipeline p = pipeline(SCHOOL)) {
            co2(p, 600, Duration.ofMinutes(1));
            clock.advance(Duration.ofSeconds(59));
            p.tick();
            assertThat(out.alerts("room-co2-watch")).isEmpty();
            clock.advance(Duration.ofSeconds(2));
            p.tick();
            assertThat(out.alerts("room-co2-watch"))
                    .singleElement()
                    .extracting(AlertEvent::state)
                    .isEqualTo(AlertState.RAISED);
            co2(p, 600, Duration.ofSeconds(5));
            assertThat(out.alerts("room-co2-watch"))
                    .extracting(AlertEvent::state)
                    .containsExactly(AlertState.RAISED, AlertState.CLEARED);
        }
    }

    @Test
    void driverFaultsBecomeOneSensorFaultAlert() throws Exception {
        try (Pipeline p = pipeline(SCHOOL)) {
            Instant t = clock.instant();
            p.fault(new SensorFault("room-air", FaultKind.CRC_MISMATCH, "SCD41 'room-air' CRC mismatch", t));
            p.fault(new SensorFault(
                    "room-air", FaultKind.CRC_MISMATCH, "SCD41 'room-air' CRC mismatch", t.plusSeconds(5)));
            p.recovered("room-air", t.plusSeconds(10));
            p.fault(new SensorFault("nobody", FaultKind.NO_ANSWER, "unknown sensor", t));
        }
        assertThat(out.alerts("sensor-fault"))
                .extracting(a -> a.state() + " " + a.sensorId())
                .containsExactly("RAISED room-air", "CLEARED room-air");
        assertThat(out.alerts("sensor-fault").get(0).quantity()).isNull();
    }

    @Test
    void vibrationWindowsCarryRmsPeakCrestAndDominantFrequencyAndFeedRules() throws Exception {
        GatewayConfig bridge = TestGateways.bridge("""
                  - id: deck-acc
                    driver: adxl345 # runs at 100 Hz (3200 / 2^5), the rate the samples below come at
                    source: {kind: simulated, scenario: bridge-traffic}
                    i2c: {address: 0x1D}
                    sample-rate: 100Hz
                    features:
                      - {length: 10s, fft-size: 512}
                    rules:
                      - id: deck-rms
                        quantity: vibration_rms
                        warning-above: 0.001
                        raise-after: 0s
            """);
        RecordingOutput o = new RecordingOutput();
        Instant start = Instant.parse("2026-03-02T08:00:00Z");
        try (Pipeline p = Pipeline.inMemory(bridge, clock, o, null)) {
            SampleInput in = p.input("deck-acc", Quantity.ACCELERATION);
            long t0 = start.getEpochSecond() * 1_000_000_000L;
            for (int i = 0; i < 100 * 60; i++) { // one minute; amplitude steps up after 30 s
                double a = i < 3000 ? 0.0001 : 0.004;
                in.accept(t0 + i * 10_000_000L, 1.0 + a * Math.sin(2 * Math.PI * 4.2 * i / 100.0), Quality.OK);
            }
            p.flush();
        }
        var rms = o.readings(Quantity.VIBRATION_RMS, Statistic.SAMPLE);
        assertThat(rms).hasSize(6);
        assertThat(rms.get(0).value()).isCloseTo(0.0001 / Math.sqrt(2), within(1e-7));
        assertThat(rms.get(5).value()).isCloseTo(0.004 / Math.sqrt(2), within(1e-5));
        assertThat(o.readings(Quantity.CREST_FACTOR, Statistic.SAMPLE).get(5).value())
                .isCloseTo(Math.sqrt(2), within(0.01));
        assertThat(o.readings(Quantity.DOMINANT_FREQUENCY, Statistic.SAMPLE))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.value()).isCloseTo(4.2, within(100.0 / 512 / 2)));
        assertThat(o.raised("deck-rms")).singleElement().satisfies(a -> {
            assertThat(a.time()).isEqualTo(start.plusSeconds(40));
            assertThat(a.quantity()).isEqualTo(Quantity.VIBRATION_RMS);
        });
        assertThat(o.readings(Quantity.ACCELERATION, Statistic.SAMPLE))
                .as("raw burst once raised")
                .isNotEmpty();
    }
}
