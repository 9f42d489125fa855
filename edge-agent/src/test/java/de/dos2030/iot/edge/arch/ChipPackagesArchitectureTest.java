package de.dos2030.iot.edge.arch;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import de.dos2030.iot.edge.arch.chipfixture.sensor.alpha.AlphaDriver;
import de.dos2030.iot.edge.arch.chipfixture.sensor.beta.BetaDriver;
import de.dos2030.iot.edge.arch.chipfixture.sensor.sensirion.SharedFraming;
import org.junit.jupiter.api.Test;

/**
 * Chip packages do not reach each other: a package {@code edge.sensor.X} may use the shared
 * sensor API ({@code edge.sensor}) and the shared Sensirion framing and state machines
 * ({@code edge.sensor.sensirion}), never another chip's package; and the shared Sensirion code
 * reaches no chip. What two chips share moves to one of those two places.
 */
class ChipPackagesArchitectureTest {

    static final String SENSORS = "de.dos2030.iot.edge.sensor";

    /** The rule for the sensor packages under {@code sensorPackage}. */
    static ArchRule chipPackagesDoNotReachEachOther(String sensorPackage) {
        return SlicesRuleDefinition.slices()
                .matching(sensorPackage + ".(*)..")
                .namingSlices("chip package $1")
                .should()
                .notDependOnEachOther()
                .ignoreDependency(alwaysTrue(), resideInAPackage(sensorPackage + ".sensirion.."))
                .because("a chip is one package: what chips share lives in edge.sensor or edge.sensor.sensirion");
    }

    @Test
    void chipPackagesDoNotReachEachOther() {
        chipPackagesDoNotReachEachOther(SENSORS).check(HardwareIsolationTest.AGENT);
    }

    @Test
    void theRuleCatchesAChipThatUsesAnotherChipsPackage() {
        JavaClasses fixture =
                new ClassFileImporter().importClasses(AlphaDriver.class, BetaDriver.class, SharedFraming.class);
        assertThatThrownBy(() -> chipPackagesDoNotReachEachOther("de.dos2030.iot.edge.arch.chipfixture.sensor")
                        .check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("BetaDriver")
                .hasMessageContaining("AlphaDriver")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SharedFraming"));
    }
}
