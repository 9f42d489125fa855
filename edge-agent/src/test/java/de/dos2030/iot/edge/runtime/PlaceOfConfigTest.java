package de.dos2030.iot.edge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.validation.PlaceRules;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The place a gateway reports is its file's, and every example's report passes the collector's bounds. */
class PlaceOfConfigTest {

    @Test
    void theDemoClassroomReportsItsSchoolRoomAndSensors() throws Exception {
        PlaceReport p =
                PlaceOfConfig.of(GatewayConfigLoader.load(Path.of("../firmware-config/examples/school-demo.yaml")));
        assertThat(p.siteKind()).isEqualTo(SiteKind.SCHOOL);
        assertThat(p.name()).isEqualTo("Grundschule Kley");
        assertThat(p.lat()).isEqualTo(51.4957);
        assertThat(p.lon()).isEqualTo(7.3855);
        assertThat(p.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(p.locations())
                .containsExactly(new PlaceReport.Location("r204", LocationKind.ROOM, "Klasse 4b", 2, "R204", null));
        assertThat(p.sensors()).isEqualTo(Map.of("r204-air", "r204", "r204-climate", "r204"));
    }

    @Test
    void theBridgeReportsItsRulesLimitsSoThatPagesCanShowThem() throws Exception {
        PlaceReport p = PlaceOfConfig.of(
                GatewayConfigLoader.load(Path.of("../firmware-config/examples/bridge-simulated.yaml")));
        assertThat(p.limits())
                .containsExactly(
                        new PlaceReport.Limit("p2-vibration", Quantity.VIBRATION_RMS, 0.002, 0.01, null, null),
                        new PlaceReport.Limit("p2-tilt", Quantity.TILT, 0.5, 1.0, -0.5, -1.0),
                        new PlaceReport.Limit("p2-strain", Quantity.STRAIN, -430.0, -400.0, -520.0, -560.0));
    }

    @Test
    void everyExamplesReportIsWithinTheBoundsTheCollectorChecks() throws Exception {
        for (String example : new String[] {
            "school-demo.yaml",
            "school-hardware.yaml",
            "school-replay.yaml",
            "bridge-simulated.yaml",
            "bridge-hardware.yaml",
            "bridge-replay.yaml"
        }) {
            PlaceReport p =
                    PlaceOfConfig.of(GatewayConfigLoader.load(Path.of("../firmware-config/examples/" + example)));
            assertThat(PlaceRules.problems("place", p)).as(example).isEmpty();
            assertThat(p.sensors()).as(example).isNotEmpty();
        }
    }
}
