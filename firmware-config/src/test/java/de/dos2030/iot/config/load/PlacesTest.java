package de.dos2030.iot.config.load;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.TestFiles;
import de.dos2030.iot.config.model.Defaults;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.LocationConfig;
import de.dos2030.iot.model.LocationKind;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sites, their rooms and bridge sections, and the location of each sensor, as files write them. */
class PlacesTest {

    private static final String TAIL = """
            uplink: {primary: {url: "tcp://127.0.0.1:11883"}}
            outbox: {directory: /tmp/outbox}
            """;

    @Test
    void theDemoClassroomHasItsRoomWithFloorAndNumberAndBothSensorsInIt() throws Exception {
        GatewayConfig c = GatewayConfigLoader.load(TestFiles.EXAMPLES.resolve("school-demo.yaml"));
        assertThat(c.site().timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(c.site().locations())
                .containsExactly(new LocationConfig(
                        "r204", LocationKind.ROOM, "Klasse 4b", Optional.of(2), Optional.of("R204"), Optional.empty()));
        assertThat(c.sensorLocations()).containsOnlyKeys("r204-air", "r204-climate");
    }

    @Test
    void aBridgeSectionHasItsPositionAlongTheBridge() throws Exception {
        GatewayConfig c = GatewayConfigLoader.load(TestFiles.EXAMPLES.resolve("bridge-simulated.yaml"));
        LocationConfig feld2 = c.site().location("feld-2").orElseThrow();
        assertThat(feld2.kind()).isEqualTo(LocationKind.SECTION);
        assertThat(feld2.at()).contains(84.5);
        assertThat(c.sensorLocations().values()).containsOnly(feld2);
    }

    @Test
    void theOlderSiteLevelRoomBecomesTheOneRoomOfEverySensor() throws Exception {
        GatewayConfig c = GatewayConfigLoader.loadString("""
                id: school-test
                site: {id: test-school, kind: school, name: Test school, room: R 204 (Süd)}
                """ + TAIL + """
                sensors:
                  - {id: air, driver: scd41, i2c: {address: 0x62}}
                  - {id: climate, driver: sht4x, i2c: {address: 0x44}}
                """, Path.of("."), "legacy.yaml");
        LocationConfig room = LocationConfig.room("r-204-sud", "R 204 (Süd)");
        assertThat(c.site().locations()).containsExactly(room);
        assertThat(c.site().timeZone()).isEqualTo(Defaults.TIME_ZONE);
        assertThat(c.sensorLocations()).isEqualTo(Map.of("air", room, "climate", room));
    }

    @Test
    void theOlderSpanBecomesASectionAndDerivedTiltSensorsAreThereToo() throws Exception {
        GatewayConfig c = GatewayConfigLoader.loadString("""
                id: bridge-test
                site: {id: test-bridge, kind: bridge, name: Test bridge, span: "field 2, pier P2"}
                """ + TAIL + """
                sensors:
                  - {id: vib, driver: adxl355, spi: {bus: 0, chip-select: 0}, tilt: {}}
                """, Path.of("."), "legacy.yaml");
        assertThat(c.sensorLocations().keySet()).containsExactlyInAnyOrder("vib", "vib-pitch", "vib-roll");
        assertThat(c.sensorLocations().get("vib-roll").id()).isEqualTo("field-2-pier-p2");
    }

    @Test
    void aSiteWithoutLocationsPlacesNoSensor() throws Exception {
        GatewayConfig c = GatewayConfigLoader.loadString("""
                id: school-test
                site: {id: test-school, kind: school, name: Test school}
                """ + TAIL + """
                sensors:
                  - {id: air, driver: scd41, i2c: {address: 0x62}}
                """, Path.of("."), "bare.yaml");
        assertThat(c.site().locations()).isEmpty();
        assertThat(c.sensorLocations()).isEmpty();
    }

    @Test
    void writingAFileKeepsRoomsAndTheSensorsRooms() throws Exception {
        GatewayConfig c = GatewayConfigLoader.load(TestFiles.EXAMPLES.resolve("school-hardware.yaml"));
        String yaml = GatewayConfigWriter.toYaml(c);
        assertThat(yaml).contains("rooms:", "time-zone:");
        assertThat(GatewayConfigLoader.loadString(yaml, TestFiles.EXAMPLES, "written.yaml"))
                .isEqualTo(c);
    }
}
