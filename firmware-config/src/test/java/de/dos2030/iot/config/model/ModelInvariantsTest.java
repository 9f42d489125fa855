package de.dos2030.iot.config.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Records built in code obey the same invariants as loaded files. */
class ModelInvariantsTest {

    @Test
    void i2cBusRejectsAnAddressBeyondSevenBits() {
        assertThatThrownBy(() -> I2cBus.hardware(0x99))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.violations())
                                .containsExactly(
                                        Violation.of("address", "0x99 is not a 7-bit I2C address", "0x03-0x77")));
    }

    @Test
    void thresholdsReportEveryBrokenOrderingAtOnce() {
        List<Violation> v = Thresholds.violations(
                Optional.of(30.0),
                Optional.of(26.0),
                Optional.of(10.0),
                Optional.of(12.0),
                1,
                Duration.ZERO,
                Duration.ZERO);
        assertThat(v).extracting(Violation::path).containsExactly("warning-above", "warning-below");
    }

    @Test
    void gatewayRejectsTwoSensorsWithOneId() {
        SensorConfig a = new SensorConfig(
                "air",
                Driver.SHT4X,
                new SourceConfig.Hardware(),
                Optional.of(I2cBus.hardware(0x44)),
                Sampling.every(Duration.ofSeconds(10)),
                Calibration.none(),
                List.of(),
                List.of(),
                List.of());
        SensorConfig b = new SensorConfig(
                "air",
                Driver.SHT4X,
                new SourceConfig.Hardware(),
                Optional.of(I2cBus.hardware(0x45)),
                Sampling.every(Duration.ofSeconds(10)),
                Calibration.none(),
                List.of(),
                List.of(),
                List.of());
        assertThatThrownBy(() -> new GatewayConfig(
                        "gw-1",
                        new SiteConfig("site", SiteKind.SCHOOL, "S", Optional.empty(), Optional.empty()),
                        new UplinkConfig(
                                new Endpoint(
                                        java.net.URI.create("tcp://h:1"),
                                        "gw-1",
                                        Optional.empty(),
                                        Duration.ofSeconds(1)),
                                Optional.empty(),
                                new Batching(1, Duration.ofSeconds(1)),
                                AlertDelivery.PRIORITY),
                        new OutboxConfig(
                                java.nio.file.Path.of("/tmp"),
                                OutboxConfig.MIN_BYTES,
                                SyncPolicy.EVERY_BATCH,
                                Optional.empty(),
                                EvictionPolicy.OLDEST_FIRST),
                        List.of(a, b),
                        OutputsConfig.none()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("sensor id 'air' is already used");
    }

    @Test
    void durationsFormatInTheLargestExactUnitAndParseBack() {
        for (Duration d : List.of(
                Duration.ofMillis(1500),
                Duration.ofSeconds(90),
                Duration.ofMinutes(5),
                Duration.ofHours(2),
                Duration.ofDays(1),
                Duration.ZERO)) {
            assertThat(DurationText.parse(DurationText.format(d))).contains(d);
        }
        assertThat(DurationText.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(DurationText.parse("10 parsecs")).isEmpty();
        assertThat(DurationText.lacksUnit("10")).isTrue();
    }

    @Test
    void vibrationFeaturesCountAsMeasuredOnlyWithAWindow() {
        SensorConfig noWindow = new SensorConfig(
                "vib",
                Driver.ADXL355,
                new SourceConfig.Hardware(),
                Optional.of(new SpiBus(0, 0, 1_000_000)),
                Sampling.at(100),
                Calibration.none(),
                List.of(),
                List.of(),
                List.of());
        assertThat(noWindow.measuredQuantities()).doesNotContain(Quantity.VIBRATION_RMS);
        SensorConfig withFft = new SensorConfig(
                "vib",
                Driver.ADXL355,
                new SourceConfig.Hardware(),
                Optional.of(new SpiBus(0, 0, 1_000_000)),
                Sampling.at(100),
                Calibration.none(),
                List.of(),
                List.of(new FeatureWindow(Duration.ofSeconds(60), Optional.of(4096))),
                List.of());
        assertThat(withFft.measuredQuantities()).contains(Quantity.VIBRATION_RMS, Quantity.DOMINANT_FREQUENCY);
    }

    @Test
    void acceptsAnFftThatZeroPadsTheWindowToTheNextPowerOfTwo() {
        // The bridge profile: 10 s at 400 Hz hold 4000 samples, padded to 4096 points.
        SensorConfig padded = new SensorConfig(
                "vib",
                Driver.ADXL355,
                new SourceConfig.Hardware(),
                Optional.of(new SpiBus(0, 0, 1_000_000)),
                Sampling.at(400),
                Calibration.none(),
                List.of(),
                List.of(new FeatureWindow(Duration.ofSeconds(10), Optional.of(4096))),
                List.of());
        assertThat(padded.send()).isEqualTo(SendPolicy.FEATURES);
        assertThat(FeatureWindow.largestFft(400, Duration.ofSeconds(10))).isEqualTo(4096);
        assertThat(FeatureWindow.largestFft(100, Duration.ofMillis(10_240))).isEqualTo(1024);
        assertThatThrownBy(() -> new SensorConfig(
                        "vib",
                        Driver.ADXL355,
                        new SourceConfig.Hardware(),
                        Optional.of(new SpiBus(0, 0, 1_000_000)),
                        Sampling.at(400),
                        Calibration.none(),
                        List.of(),
                        List.of(new FeatureWindow(Duration.ofSeconds(10), Optional.of(8192))),
                        List.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("at most 4096");
    }

    @Test
    void defaultsToRawWithoutWindowsAndRefusesFeaturesWithoutThem() {
        SensorConfig air = new SensorConfig(
                "air",
                Driver.SHT4X,
                new SourceConfig.Hardware(),
                Optional.of(I2cBus.hardware(0x44)),
                Sampling.at(1),
                Calibration.none(),
                List.of(),
                List.of(),
                List.of());
        assertThat(air.send()).isEqualTo(SendPolicy.RAW);
        assertThatThrownBy(() -> new SensorConfig(
                        "air",
                        Driver.SHT4X,
                        new SourceConfig.Hardware(),
                        Optional.of(I2cBus.hardware(0x44)),
                        Sampling.at(1),
                        Calibration.none(),
                        List.of(),
                        List.of(),
                        List.of(),
                        SendPolicy.BOTH,
                        Optional.empty()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("no feature windows");
    }

    @Test
    void jumpDefaultsExistOnlyWhereAJumpIsPhysicallyBounded() {
        assertThat(Defaults.maxJumpPerSecond(Quantity.TEMPERATURE)).isPresent();
        assertThat(Defaults.maxJumpPerSecond(Quantity.ACCELERATION)).isEmpty();
        assertThatThrownBy(() -> new FilterConfig.Jump(Optional.empty(), Optional.of(3.0), JumpPer.SECOND))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("must name its quantity");
    }
}
