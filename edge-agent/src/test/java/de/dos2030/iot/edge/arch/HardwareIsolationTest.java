package de.dos2030.iot.edge.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import de.dos2030.iot.edge.source.ChipSupport;
import org.junit.jupiter.api.Test;

/** Pi4J stays in its adapter: drivers, simulation and tools run on any machine. */
class HardwareIsolationTest {

    static final JavaClasses AGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("de.dos2030.iot.edge");

    @Test
    void nothingOutsideThePi4jAdapterImportsPi4j() {
        noClasses()
                .that()
                .resideOutsideOfPackage("de.dos2030.iot.edge.hardware.pi4j..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.pi4j..")
                .check(AGENT);
    }

    /** A chip's catalogue entry ({@link ChipSupport}) names its simulated chip by design; its driver does not. */
    @Test
    void driversDoNotDependOnTheSimulation() {
        noClasses()
                .that()
                .resideInAPackage("de.dos2030.iot.edge.sensor..")
                .and()
                .doNotImplement(ChipSupport.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("de.dos2030.iot.edge.sim..", "de.dos2030.iot.edge.hardware..")
                .check(AGENT);
    }

    @Test
    void chipCatalogueEntriesDoNotDependOnTheHardwareAdapter() {
        noClasses()
                .that()
                .implement(ChipSupport.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("de.dos2030.iot.edge.hardware..")
                .check(AGENT);
    }
}
