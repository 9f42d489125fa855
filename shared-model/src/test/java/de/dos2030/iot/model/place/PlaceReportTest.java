package de.dos2030.iot.model.place;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SampleBatches;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import de.dos2030.iot.model.validation.Problem;
import de.dos2030.iot.model.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The place description in a health report: both codecs carry it exactly, a health without it (an
 * agent before places) stays valid, and the validator bounds every text and count.
 */
class PlaceReportTest {
    static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private final Validator validator = new Validator(Clock.fixed(NOW, ZoneOffset.UTC));

    static PlaceReport school() {
        return new PlaceReport(
                SiteKind.SCHOOL,
                "Grundschule Kley",
                "Kleyer Weg 1, 44149 Dortmund",
                51.4957,
                7.3855,
                "Europe/Berlin",
                List.of(
                        new PlaceReport.Location("r204", LocationKind.ROOM, "Klasse 4b", 2, "R204", null),
                        new PlaceReport.Location("r205", LocationKind.ROOM, "Klasse 3a", null, null, null)),
                Map.of("r204-air", "r204", "r205-air", "r205"));
    }

    static PlaceReport bridge() {
        return new PlaceReport(
                SiteKind.BRIDGE,
                "Ruhrbrücke Schwerte",
                null,
                null,
                null,
                null,
                List.of(new PlaceReport.Location(
                        "feld-2", LocationKind.SECTION, "Feld 2, Pfeiler P2", null, null, 84.5)),
                Map.of("p2-strain", "feld-2"),
                List.of(
                        new PlaceReport.Limit("p2-strain", Quantity.STRAIN, 400.0, 600.0, -400.0, -600.0),
                        new PlaceReport.Limit("p2-strain", Quantity.TILT, null, 0.25, null, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "cbor"})
    void placeSurvivesBothCodecsUnchanged(String format) throws Exception {
        BatchCodec codec = codec(format);
        for (PlaceReport place : List.of(school(), bridge())) {
            Batch batch = withHealth(health(place));
            assertThat(codec.decode(codec.encode(batch)).health().place()).isEqualTo(place);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "cbor"})
    void healthWithoutPlaceStaysValidAndHasNoPlaceField(String format) throws Exception {
        BatchCodec codec = codec(format);
        Batch batch = withHealth(health(null));
        Batch decoded = codec.decode(codec.encode(batch));
        assertThat(decoded.health().place()).isNull();
        assertThat(validator.validate(decoded).isValid()).isTrue();
        if (format.equals("json")) {
            assertThat(new String(codec.encode(batch), StandardCharsets.UTF_8)).doesNotContain("place");
        }
    }

    @Test
    void jsonWrittenByAnAgentBeforePlacesDecodesWithoutPlace() throws Exception {
        String old = new String(BatchCodec.json().encode(withHealth(health(null))), StandardCharsets.UTF_8);
        assertThat(BatchCodec.json()
                        .decode(old.getBytes(StandardCharsets.UTF_8))
                        .health()
                        .place())
                .isNull();
    }

    @Test
    void aValidPlaceHasNoProblems() {
        assertThat(problems(school())).isEmpty();
        assertThat(problems(bridge())).isEmpty();
    }

    @Test
    void refusesTenThousandLocationsWithOneProblem() {
        List<PlaceReport.Location> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(new PlaceReport.Location("r" + i, LocationKind.ROOM, "Raum " + i, null, null, null));
        }
        PlaceReport p = new PlaceReport(SiteKind.SCHOOL, "Flood", null, null, null, null, many, Map.of());
        assertThat(problems(p)).containsExactly("health.place.locations: 10000 locations, at most 500 allowed");
    }

    @Test
    void refusesOversizedNamesBadPositionsZonesAndDanglingSensors() {
        PlaceReport p = new PlaceReport(
                SiteKind.SCHOOL,
                "x".repeat(201),
                "Kleyer Weg\n1",
                91.0,
                7.0,
                "Europe/Berln",
                List.of(
                        new PlaceReport.Location("r1", LocationKind.SECTION, "y".repeat(101), 500, null, null),
                        new PlaceReport.Location("r1", LocationKind.ROOM, "Raum", null, null, -3.0)),
                Map.of("air", "r9"));
        assertThat(problems(p))
                .containsExactlyInAnyOrder(
                        "health.place.name: must be 1 to 200 characters, was 201",
                        "health.place.address: must not contain control characters",
                        "health.place.lat: 91.0 is not a latitude (allowed: -90 to 90)",
                        "health.place.timeZone: 'Europe/Berln' is not an IANA time zone (e.g. Europe/Berlin, UTC)",
                        "health.place.locations[0].kind: a school has no sections",
                        "health.place.locations[0].name: must be 1 to 100 characters, was 101",
                        "health.place.locations[0].floor: 500 is not a floor (allowed: -10 to 200)",
                        "health.place.locations[1].at: -3.0 m is not a position along a bridge (allowed: 0 to 1000000 m)",
                        "health.place.locations[1].id: 'r1' is already the id of locations[0]",
                        "health.place.sensors['air']: location 'r9' is not one of the place's locations");
    }

    @Test
    void refusesTooManyLimitsAndLimitsThatAreNoNumbers() {
        List<PlaceReport.Limit> many = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            many.add(new PlaceReport.Limit("s" + i, Quantity.STRAIN, 1.0, null, null, null));
        }
        PlaceReport flood =
                new PlaceReport(SiteKind.BRIDGE, "Flood", null, null, null, null, List.of(), Map.of(), many);
        assertThat(problems(flood)).containsExactly("health.place.limits: 5000 limits, at most 4000 allowed");

        PlaceReport bad = new PlaceReport(
                SiteKind.BRIDGE,
                "Bad",
                null,
                null,
                null,
                null,
                List.of(),
                Map.of(),
                List.of(new PlaceReport.Limit("bad id!", null, Double.NaN, null, null, null)));
        assertThat(problems(bad))
                .containsExactlyInAnyOrder(
                        "health.place.limits[0].sensor: 'bad id!' is not a valid id: 1 to 64 characters of A-Z a-z 0-9 . _ -"
                                + " starting with a letter or digit",
                        "health.place.limits[0].quantity: missing",
                        "health.place.limits[0]: a limit must be a finite number, not NaN");
    }

    @Test
    void aBadPlaceMakesTheEnvelopeInvalid() {
        PlaceReport p = new PlaceReport(SiteKind.SCHOOL, null, null, 51.0, null, null, List.of(), Map.of());
        var report = validator.validate(withHealth(health(p)));
        assertThat(report.envelopeValid()).isFalse();
        assertThat(report.problems())
                .extracting(Problem::toString)
                .containsExactlyInAnyOrder(
                        "health.place.name: is missing", "health.place.lon: is missing: give lat and lon together");
    }

    private List<String> problems(PlaceReport place) {
        return validator.validate(withHealth(health(place))).problems().stream()
                .map(Problem::toString)
                .toList();
    }

    private static BatchCodec codec(String format) {
        return format.equals("json") ? BatchCodec.json() : BatchCodec.cbor();
    }

    static GatewayHealth health(PlaceReport place) {
        return new GatewayHealth(
                "0.1.0",
                "cfg-1",
                Duration.ofHours(2),
                0,
                0,
                Duration.ZERO,
                0,
                NOW.minusSeconds(30),
                51.5,
                ClockSync.SYNCED,
                null,
                place);
    }

    static Batch withHealth(GatewayHealth health) {
        Batch b = SampleBatches.school(Duration.ofMinutes(1), 3);
        return new Batch(
                b.formatVersion(),
                b.gatewayId(),
                b.siteId(),
                b.bootId(),
                b.sequence(),
                NOW.minusSeconds(10),
                b.clockSync(),
                List.of(),
                List.of(),
                health);
    }
}
