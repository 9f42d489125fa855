package de.dos2030.iot.edge.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The delivery core (outbox, batcher, dispatcher, uplink port) knows no transport library. */
class DeliveryArchitectureTest {
    static final JavaClasses EDGE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(
                    "de.dos2030.iot.edge.outbox",
                    "de.dos2030.iot.edge.batch",
                    "de.dos2030.iot.edge.uplink",
                    "de.dos2030.iot.edge.runtime");

    @Test
    void coreNeverImportsPahoCaliforniumOrTheHttpClient() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "de.dos2030.iot.edge.outbox..", "de.dos2030.iot.edge.batch..", "de.dos2030.iot.edge.uplink")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.eclipse.paho..", "de.dos2030.iot.mqtt..", "org.eclipse.californium..", "java.net.http..")
                .check(EDGE);
    }

    @Test
    void adaptersDoNotReachIntoEachOther() {
        noClasses()
                .that()
                .resideInAPackage("de.dos2030.iot.edge.uplink.mqtt..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "de.dos2030.iot.edge.uplink.coap..",
                        "de.dos2030.iot.edge.uplink.http..",
                        "de.dos2030.iot.edge.outbox..")
                .check(EDGE);
        noClasses()
                .that()
                .resideInAnyPackage("de.dos2030.iot.edge.uplink.coap..", "de.dos2030.iot.edge.uplink.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.eclipse.paho..", "de.dos2030.iot.mqtt..", "de.dos2030.iot.edge.outbox..")
                .check(EDGE);
    }

    @Test
    void theOutboxDependsOnNothingElseOfTheAgent() {
        noClasses()
                .that()
                .resideInAPackage("de.dos2030.iot.edge.outbox..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "de.dos2030.iot.edge.uplink..",
                        "de.dos2030.iot.edge.batch..",
                        "de.dos2030.iot.edge.runtime..",
                        "de.dos2030.iot.edge.pipeline..")
                .check(EDGE);
    }
}
