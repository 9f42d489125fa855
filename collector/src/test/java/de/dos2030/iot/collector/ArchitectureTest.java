package de.dos2030.iot.collector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import de.dos2030.iot.collector.ingest.Door;
import de.dos2030.iot.collector.ingest.IngestAnswer;
import de.dos2030.iot.collector.ingest.IngestOutcome;
import de.dos2030.iot.collector.ingest.IngestService;
import de.dos2030.iot.collector.ingest.RejectKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The collector's packages by feature stay a directed graph: no feature package reaches back into
 * one that depends on it; the doors reach the ingest core only through {@link IngestService} and
 * the types of its contract; the ingest path knows nothing of alerts or queries (it publishes
 * events, they listen).
 */
class ArchitectureTest {
    private static final String ROOT = "de.dos2030.iot.collector";

    static final JavaClasses COLLECTOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** What a door may use of the ingest core: the service, and what goes in and comes out of it. */
    private static final Set<String> INGEST_CONTRACT = Set.of(
            IngestService.class.getName(),
            Door.class.getName(),
            IngestOutcome.class.getName(),
            RejectKind.class.getName(),
            IngestAnswer.class.getName());

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(COLLECTOR);
    }

    @Test
    void doorsReachTheIngestCoreOnlyThroughIngestService() {
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".ingest.http..", ROOT + ".ingest.mqtt..", ROOT + ".ingest.coap..")
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are in the ingest core but not IngestService or its contract types",
                        (JavaClass c) -> c.getPackageName().equals(ROOT + ".ingest") && !inContract(c)))
                .check(COLLECTOR);
    }

    @Test
    void ingestNeverReachesAlertsOrQueries() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".ingest..")
                .should()
                .transitivelyDependOnClassesThat()
                .resideInAnyPackage(ROOT + ".alerts..", ROOT + ".query..")
                .check(COLLECTOR);
    }

    private static boolean inContract(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get(); // IngestOutcome.Stored and the like
        }
        return INGEST_CONTRACT.contains(outer.getName());
    }
}
