package de.dos2030.iot.edge.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class BridgeModesTest {

    final BridgeModes modes = new BridgeModes(List.of(3.2, 8.9, 14.1));

    @Test
    void atTheReferenceTemperatureAHealthyModeHasItsConfiguredFrequency() {
        assertThat(modes.frequencyHz(1, BridgeModes.REFERENCE_TEMPERATURE_C)).isEqualTo(8.9);
    }

    @Test
    void everyKelvinWarmerLowersEachModeByTwoTenthsOfAPercent() {
        assertThat(modes.frequencyHz(0, 20) / modes.frequencyHz(0, 10)).isCloseTo(0.98, offset(1e-12));
        assertThat(modes.frequencyHz(2, 0) / modes.frequencyHz(2, 10)).isCloseTo(1.02, offset(1e-12));
    }

    @Test
    void threePercentOfStiffnessLostLowersThatModeByAboutOneAndAHalfPercentAndNoOther() {
        modes.loseStiffness(0, 0.03);
        assertThat(1 - modes.frequencyHz(0, 10) / 3.2).isCloseTo(1 - Math.sqrt(0.97), offset(1e-12));
        assertThat(1 - modes.frequencyHz(0, 10) / 3.2).isBetween(0.0150, 0.0153);
        assertThat(modes.frequencyHz(1, 10)).isEqualTo(8.9);
    }

    @Test
    void lossesAreSetNotAdded() {
        modes.loseStiffness(0, 0.03);
        modes.loseStiffness(0, 0.03);
        assertThat(modes.stiffnessLost(0)).isEqualTo(0.03);
        modes.loseStiffness(0, 0);
        assertThat(modes.frequencyHz(0, 10)).isEqualTo(3.2);
    }

    @Test
    void aLossOfAllStiffnessOrANegativeOneIsRefused() {
        assertThatThrownBy(() -> modes.loseStiffness(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> modes.loseStiffness(0, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
