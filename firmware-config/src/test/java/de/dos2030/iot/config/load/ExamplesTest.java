package de.dos2030.iot.config.load;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.TestFiles;
import de.dos2030.iot.config.model.*;
import de.dos2030.iot.model.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesTest {

    static List<Path> examples() {
        return TestFiles.examples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleLoadsWithoutProblems(Path file) {
        assertThat(GatewayConfigLoader.validate(file)).isEmpty();
    }

    @Test
    void theSixNamedExamplesExist() {
        assertThat(examples())
                .extracting(p -> p.getFileName().toString())
                .contains(
                        "bridge-hardware.yaml",
                        "school-hardware.yaml",
                        "bridge-simulated.yaml",
                        "school-simulated.yaml",
                        "school-replay.yaml",
                        "bridge-replay.yaml");
    }

    @Test
    void schoolRuleWithoutLimitsTakesTheClassroomCo2Defaults() throws Exception {
        GatewayConfig c = GatewayConfigLoader.load(TestFiles.EXAMPLES.resolve("school-hardware.yaml"));
        RuleConfig co2 = c.sensor("r204-air").orElseThrow().rules().get(0);
        assertThat(co2.thresholds().warningAbove()).contains(1000.0);
        assertThat(co2.thresholds().criticalAbove()).contains(2000.0);
        RuleConfig temperature = c.sensor("r204-climate").orElseThrow().rules().get(0);
        assertThat(temperature.thresholds().warningAbove()).contains(26.0);
        assertThat(temperature.thresholds().criticalAbove()).contains(30.0);
    }

    @Test
    void defaultsAreFilledFromTheDefaultsClass() throws Exception {
        GatewayConfig c = GatewayConfigLoader.load(TestFiles.EXAMPLES.resolve("school-replay.yaml"));
        assertThat(c.uplink().primary().clientId()).isEqualTo(c.id());
        assertThat(c.uplink().primary().ackTimeout()).isEqualTo(Defaults.ACK_TIMEOUT);
        assertThat(c.outbox().maxBytes()).isEqualTo(Defaults.OUTBOX_MAX_BYTES);
        assertThat(c.outbox().sync()).isEqualTo(Defaults.OUTBOX_SYNC);
        assertThat(c.outbox().syncInterval()).isEmpty();
        assertThat(c.uplink().alerts()).isEqualTo(Defaults.ALERT_DELIVERY);
    }

    @Test
    void simulatedSchoolIsTheUnairedClassroom() throws Exception {
        GatewayConfig c = GatewayConfigLoader.load(TestFiles.EXAMPLES.resolve("school-simulated.yaml"));
        assertThat(c.sensors())
                .allSatisfy(s -> assertThat(s.source())
                        .isEqualTo(new SourceConfig.Simulated(
                                Scenario.CLASSROOM_UNAIRED, ((SourceConfig.Simulated) s.source()).seed())));
    }

    @Test
    void replayPathsResolveAgainstTheExampleDirectoryToTheSharedData() throws Exception {
        GatewayConfig school = GatewayConfigLoader.load(TestFiles.EXAMPLES.resolve("school-replay.yaml"));
        SourceConfig.Replay uci = (SourceConfig.Replay) school.sensors().get(0).source();
        assertThat(uci.file())
                .isAbsolute()
                .exists()
                .isEqualTo(TestFiles.SHARED_DATA
                        .resolve("uci-occupancy/datatraining.txt")
                        .toAbsolutePath()
                        .normalize());
        assertThat(uci.columns()).containsEntry(Quantity.CO2, "CO2");

        GatewayConfig bridge = GatewayConfigLoader.load(TestFiles.EXAMPLES.resolve("bridge-replay.yaml"));
        assertThat(bridge.sensors())
                .allSatisfy(s -> assertThat(((SourceConfig.Replay) s.source()).file())
                        .isEqualTo(TestFiles.SHARED_DATA
                                .resolve(
                                        s.id().equals("main-air")
                                                ? "munich-bridge/ref_load_01_air_temperature_1hz.csv"
                                                : "munich-bridge/ref_load_01_all_100hz.csv.gz")
                                .toAbsolutePath()
                                .normalize()));
    }

    @Test
    void outboxDirectoryIsRelativeToTheConfigFile() throws Exception {
        GatewayConfig c = GatewayConfigLoader.load(TestFiles.EXAMPLES.resolve("bridge-simulated.yaml"));
        assertThat(c.outbox().directory())
                .isEqualTo(Path.of("..").toAbsolutePath().normalize().resolve("target/outbox/bridge-sim-p2"));
    }

    @Test
    void bridgeHardwareWiresTheFourChipsTheIssueAsksFor() throws Exception {
        GatewayConfig c = GatewayConfigLoader.load(TestFiles.EXAMPLES.resolve("bridge-hardware.yaml"));
        assertThat(c.sensors())
                .extracting(SensorConfig::driver)
                .containsExactly(Driver.ADXL355, Driver.SCL3300, Driver.ADS1115, Driver.SHT4X);
        SensorConfig vibration = c.sensor("p2-vibration").orElseThrow();
        assertThat(vibration.bus()).contains(new SpiBus(0, 0, 4_000_000));
        assertThat(vibration.sampling().hertz()).isEqualTo(400.0);
        assertThat(vibration.features()).containsExactly(new FeatureWindow(Duration.ofSeconds(10), Optional.of(4096)));
        assertThat(vibration.send()).isEqualTo(SendPolicy.FEATURES);
        assertThat(c.sensor("p2-strain").orElseThrow().calibration().gaugeFactor())
                .contains(2.05);
        assertThat(c.sensor("p2-strain").orElseThrow().calibration().temperatureCompensation())
                .contains(new TemperatureCompensation(1.2, Optional.of("p2-air"), 18));
        assertThat(c.outbox().syncInterval()).contains(Duration.ofSeconds(2));
    }

    @Test
    void examplesUseTheProjectDevelopmentPorts() throws Exception {
        for (Path file : examples()) {
            String text = Files.readString(file);
            assertThat(text).contains("tcp://127.0.0.1:11883");
            assertThat(text).containsAnyOf("coap://127.0.0.1:15683", "http://127.0.0.1:18080");
        }
    }
}
