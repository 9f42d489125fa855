package de.dos2030.iot.config.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.config.TestFiles;
import de.dos2030.iot.config.model.CaptureConfig;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.InvalidConfigException;
import de.dos2030.iot.config.model.SensorConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CaptureConfigTest {

    @Test
    void theSimulatedBridgeCapturesItsAccelerometerAndStrainGaugeAroundAlarms() throws Exception {
        GatewayConfig config = GatewayConfigLoader.load(TestFiles.EXAMPLES.resolve("bridge-simulated.yaml"));
        SensorConfig vibration = config.sensor("p2-vibration").orElseThrow();
        assertThat(vibration.capture()).contains(new CaptureConfig(Duration.ofSeconds(30), Duration.ofSeconds(10)));
        assertThat(vibration
                        .capture()
                        .orElseThrow()
                        .ringSamples(vibration.sampling().hertz()))
                .as("40 s at the ADXL355's 125 Hz")
                .isEqualTo(5_000);
        assertThat(config.sensor("p2-strain").orElseThrow().capture()).isPresent();
        assertThat(config.sensor("p2-tilt").orElseThrow().capture()).isEmpty();
    }

    @Test
    void aWrittenCaptureLoadsBackTheSame() throws Exception {
        GatewayConfig config = GatewayConfigLoader.load(TestFiles.EXAMPLES.resolve("bridge-simulated.yaml"));
        String yaml = GatewayConfigWriter.toYaml(config);
        assertThat(yaml).contains("capture:");
        GatewayConfig back = GatewayConfigLoader.loadString(yaml, TestFiles.EXAMPLES.toAbsolutePath(), "written.yaml");
        assertThat(back.sensor("p2-vibration").orElseThrow().capture())
                .isEqualTo(config.sensor("p2-vibration").orElseThrow().capture());
    }

    @Test
    void ringsRoundUpToWholeSamples() {
        CaptureConfig c = new CaptureConfig(Duration.ofMillis(1_001), Duration.ZERO);
        assertThat(c.ringSamples(100)).isEqualTo(101);
        assertThat(c.beforeSamples(100)).isEqualTo(101);
    }

    @Test
    void refusesAnEmptyBefore() {
        assertThatThrownBy(() -> new CaptureConfig(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("before");
    }
}
