package de.dos2030.iot.config.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.config.TestFiles;
import de.dos2030.iot.config.model.Defaults;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.InvalidConfigException;
import de.dos2030.iot.config.model.ModeBand;
import de.dos2030.iot.config.model.ModeTracking;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.config.model.StiffnessLoss;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The modes of a bridge accelerometer: loaded, written back, and held to their rules when built in code. */
class ModeTrackingConfigTest {

    private static GatewayConfig munich() throws Exception {
        return GatewayConfigLoader.load(TestFiles.EXAMPLES.resolve("bridge-replay.yaml"));
    }

    @Test
    void loadsTheMunichBandsAndTheirThresholds() throws Exception {
        ModeTracking modes = munich().sensors().get(0).modes().orElseThrow();

        assertThat(modes.bands())
                .containsExactly(
                        new ModeBand("f1", 10, 12), new ModeBand("f2", 12.8, 14.5), new ModeBand("f3", 15.5, 17.5));
        assertThat(modes.excitationFloorG()).isEqualTo(1e-4);
        assertThat(modes.minPeakQuality()).isEqualTo(3.0);
        assertThat(modes.bands().get(2).index()).isEqualTo(2);
    }

    @Test
    void sensorsWithoutModesTrackNone() throws Exception {
        assertThat(munich().sensors().get(1).modes()).isEmpty();
    }

    @Test
    void writtenModesLoadBackEqual() throws Exception {
        GatewayConfig original = munich();
        String yaml = GatewayConfigWriter.toYaml(original);

        GatewayConfig again = GatewayConfigLoader.loadString(yaml, TestFiles.EXAMPLES.toAbsolutePath(), "again.yaml");

        assertThat(yaml).contains("10-12 Hz").contains("excitation-floor");
        assertThat(again.sensors().get(0).modes())
                .isEqualTo(original.sensors().get(0).modes());
    }

    @Test
    void omittedFloorAndPeakQualityTakeTheDefaults() {
        ModeTracking modes = ModeTracking.of(List.of(new ModeBand("f1", 9.5, 12)));

        assertThat(modes.excitationFloorG()).isEqualTo(Defaults.MODE_EXCITATION_FLOOR_G);
        assertThat(modes.minPeakQuality()).isEqualTo(Defaults.MODE_MIN_PEAK_QUALITY);
    }

    @Test
    void aBandAboveNyquistIsRefusedInCodeToo() throws Exception {
        SensorConfig vibration = munich().sensors().get(0);

        assertThatThrownBy(() -> vibration.withModes(Optional.of(ModeTracking.of(List.of(new ModeBand("f1", 40, 60))))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("Nyquist");
    }

    @Test
    void modesOnAStrainGaugeAreRefused() throws Exception {
        SensorConfig strain = munich().sensors().get(1);

        assertThatThrownBy(() -> strain.withModes(Optional.of(ModeTracking.of(List.of(new ModeBand("f1", 9, 12))))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("no vibration signal");
    }

    @Test
    void moreThanThreeModesOrATwiceNamedOneAreRefused() {
        assertThatThrownBy(() -> ModeTracking.of(List.of(new ModeBand("f1", 1, 2), new ModeBand("f1", 3, 4))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> ModeTracking.of(List.of(
                        new ModeBand("f1", 1, 2),
                        new ModeBand("f2", 3, 4),
                        new ModeBand("f3", 5, 6),
                        new ModeBand("f3", 7, 8))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("at most 3");
    }

    @Test
    void aStiffnessLossReadsAsAFractionAndLowersItsModeByTheSquareRoot() {
        List<StiffnessLoss> losses = StiffnessLoss.parse("f1:3%, f3:10.5%");

        assertThat(losses).containsExactly(new StiffnessLoss("f1", 0.03), new StiffnessLoss("f3", 0.105));
        assertThat(1 - losses.get(0).frequencyFactor()).isBetween(0.0150, 0.0153);
        assertThat(StiffnessLoss.format(losses)).isEqualTo("f1:3%,f3:10.5%");
    }

    @Test
    void aLossMayBeginLaterInTheSimulation() {
        List<StiffnessLoss> losses = StiffnessLoss.parse("f1:3%@30m,f2:1%");

        assertThat(losses.get(0).after()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(losses.get(1).after()).isZero();
        assertThat(StiffnessLoss.format(losses)).isEqualTo("f1:3%@30m,f2:1%");
    }

    @Test
    void aMalformedOrTotalOrRepeatedLossIsRefused() {
        for (String bad : List.of("f1:3", "f4:3%", "f1:100%", "f1:3%,f1:2%", "3%", "f1:3%@30", "f1:3%@-1m")) {
            assertThatThrownBy(() -> StiffnessLoss.parse(bad)).as(bad).isInstanceOf(InvalidConfigException.class);
        }
    }

    @Test
    void theSimulatedSourceCarriesItsDamageThroughTheFile() throws Exception {
        String yaml = java.nio.file.Files.readString(TestFiles.EXAMPLES.resolve("bridge-simulated.yaml"))
                .replace("seed: 7}", "seed: 7, damage: f1:3%}");
        GatewayConfig damaged = GatewayConfigLoader.loadString(yaml, TestFiles.EXAMPLES.toAbsolutePath(), "d.yaml");

        SourceConfig.Simulated source =
                (SourceConfig.Simulated) damaged.sensors().get(0).source();
        assertThat(source.damage()).containsExactly(new StiffnessLoss("f1", 0.03));
        assertThat(GatewayConfigWriter.toYaml(damaged)).contains("damage: f1:3%");
    }
}
