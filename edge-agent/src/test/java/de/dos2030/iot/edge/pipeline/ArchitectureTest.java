package de.dos2030.iot.edge.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The pipeline core imports only the JDK, shared-model, firmware-config and Commons Math, plus the
 * four plain signal types it consumes from the sensor layer and the GPIO output port. The replay
 * command ({@code pipeline.replay}) is the one adapter: it may use picocli, Jackson and the replay
 * sources.
 */
class ArchitectureTest {

    static final JavaClasses PIPELINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("de.dos2030.iot.edge.pipeline");

    @Test
    void pipelineCoreDependsOnlyOnJdkModelConfigAndCommonsMath() {
        classes()
                .that()
                .resideInAPackage("de.dos2030.iot.edge.pipeline..")
                .should()
                .onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "JDK, model, config, Commons Math, pipeline, signal types",
                        c -> c.getPackageName().startsWith("java.")
                                || c.getPackageName().startsWith("de.dos2030.iot.model")
                                || c.getPackageName().startsWith("de.dos2030.iot.config")
                                || c.getPackageName().startsWith("org.apache.commons.math3")
                                || c.getPackageName().startsWith("de.dos2030.iot.edge.pipeline")
                                || c.isPrimitive()
                                || c.isArray()
                                || c.getName().equals("de.dos2030.iot.edge.sensor.Sample")
                                || c.getName().equals("de.dos2030.iot.edge.sensor.SensorListener")
                                || c.getName().equals("de.dos2030.iot.edge.sensor.SensorFault")
                                || c.getName().equals("de.dos2030.iot.edge.sensor.FaultKind")
                                || c.getName().equals("de.dos2030.iot.edge.port.GpioOutput")
                                || c.getName().equals("de.dos2030.iot.edge.port.BusException")))
                .check(PIPELINE);
    }

    @Test
    void theSignalTypesTheCoreUsesAreThemselvesFreeOfAdapters() {
        JavaClasses signals = new ClassFileImporter()
                .importClasses(
                        de.dos2030.iot.edge.sensor.Sample.class, de.dos2030.iot.edge.sensor.SensorListener.class,
                        de.dos2030.iot.edge.sensor.SensorFault.class, de.dos2030.iot.edge.sensor.FaultKind.class,
                        de.dos2030.iot.edge.port.GpioOutput.class, de.dos2030.iot.edge.port.BusException.class);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.pi4j..",
                        "org.eclipse.paho..",
                        "org.eclipse.californium..",
                        "picocli..",
                        "com.fasterxml..",
                        "io.micronaut..")
                .check(signals);
    }

    @Test
    void noPipelineClassTouchesHardwareNetworkOrCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("de.dos2030.iot.edge.pipeline..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.pi4j..",
                        "org.eclipse.paho..",
                        "org.eclipse.californium..",
                        "java.net.http..",
                        "io.micronaut..")
                .check(PIPELINE);
    }
}
