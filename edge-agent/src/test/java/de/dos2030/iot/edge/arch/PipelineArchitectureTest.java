package de.dos2030.iot.edge.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pipeline core imports only the JDK, shared-model, firmware-config and Commons Math, plus
 * two packages of the agent that are themselves plain: {@code edge.sample} (the signals it
 * consumes from the sensor layer) and {@code edge.port} (the GPIO output port). The {@code replay}
 * command that drives it from recorded files is an adapter and lives in {@code edge.cli.replay}.
 */
class PipelineArchitectureTest {

    static final JavaClasses EDGE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("de.dos2030.iot.edge");

    @Test
    void pipelineCoreDependsOnlyOnJdkModelConfigCommonsMathSamplesAndPorts() {
        classes()
                .that()
                .resideInAPackage("de.dos2030.iot.edge.pipeline..")
                .should()
                .onlyDependOnClassesThat(inPackages(
                        "java",
                        "de.dos2030.iot.model",
                        "de.dos2030.iot.config",
                        "org.apache.commons.math3",
                        "de.dos2030.iot.edge.pipeline",
                        "de.dos2030.iot.edge.sample",
                        "de.dos2030.iot.edge.port"))
                .check(EDGE);
    }

    @Test
    void theSamplesAndPortsTheCoreUsesDependOnlyOnJdkAndModel() {
        classes()
                .that()
                .resideInAnyPackage("de.dos2030.iot.edge.sample..", "de.dos2030.iot.edge.port..")
                .should()
                .onlyDependOnClassesThat(inPackages(
                        "java", "de.dos2030.iot.model", "de.dos2030.iot.edge.sample", "de.dos2030.iot.edge.port"))
                .check(EDGE);
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
                        "picocli..",
                        "io.micronaut..")
                .check(EDGE);
    }

    /** Classes in one of the packages or below; primitives and arrays count as the JDK's. */
    private static DescribedPredicate<JavaClass> inPackages(String... packages) {
        List<String> roots = List.of(packages);
        return DescribedPredicate.describe(
                "in " + String.join(", ", roots),
                c -> c.isPrimitive()
                        || c.isArray()
                        || roots.stream()
                                .anyMatch(p -> c.getPackageName().equals(p)
                                        || c.getPackageName().startsWith(p + ".")));
    }
}
