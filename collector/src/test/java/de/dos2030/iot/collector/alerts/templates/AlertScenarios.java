package de.dos2030.iot.collector.alerts.templates;

import de.dos2030.iot.collector.alerts.AlertNotification;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The three alerts the subscriber texts are pinned by, each in its four steps (raised, severity changed,
 * acknowledged, cleared): a classroom's CO2, a bridge's strain, a gateway gone offline.
 */
final class AlertScenarios {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant T = Instant.parse("2026-11-27T07:15:00Z");

    /** One scenario: where, and its steps in order. */
    record Scenario(String name, PlaceNames.Place place, List<AlertNotification> steps) {}

    private AlertScenarios() {}

    static List<Scenario> all() {
        return List.of(classroomCo2(), bridgeStrain(), gatewayOffline());
    }

    static Scenario classroomCo2() {
        return new Scenario(
                "classroom-co2",
                new PlaceNames.Place("Gesamtschule Nord", "Raum 204", BERLIN),
                List.of(
                        co2(1, "raised", 0, "warning", "warning", "raised", 1850.0, null),
                        co2(2, "severity_changed", 10, "critical", "critical", "raised", 2310.0, null),
                        co2(3, "acknowledged", 12, "critical", "critical", "acknowledged", 2310.0, "hausmeister.kley"),
                        co2(4, "cleared", 25, "critical", "critical", "cleared", 940.0, null)));
    }

    static Scenario bridgeStrain() {
        return new Scenario(
                "bridge-strain",
                new PlaceNames.Place("Ruhrbrücke Schwerte", "Feld 2, Pfeiler P2", BERLIN),
                List.of(
                        strain(1, "raised", 0, "warning", "raised", 412.5, null),
                        strain(2, "severity_changed", 3, "critical", "raised", 466.0, null),
                        strain(3, "acknowledged", 9, "critical", "acknowledged", 466.0, "ing.brandt"),
                        strain(4, "cleared", 40, "critical", "cleared", 380.0, null)));
    }

    static Scenario gatewayOffline() {
        return new Scenario(
                "gateway-offline",
                new PlaceNames.Place("Gesamtschule Nord", "Gesamtschule Nord", BERLIN),
                List.of(
                        offline(1, "raised", 0, "warning", "raised", null),
                        offline(2, "severity_changed", 30, "critical", "raised", null),
                        offline(3, "acknowledged", 35, "critical", "acknowledged", "it.schulen"),
                        offline(4, "cleared", 50, "critical", "cleared", null)));
    }

    private static AlertNotification co2(
            long id, String kind, int minutes, String severity, String max, String status, Double value, String actor) {
        return new AlertNotification(
                id,
                kind,
                T.plusSeconds(60L * minutes),
                "gsn-gw-1",
                "co2-high-204",
                "gs-nord",
                "school",
                "raum-204.co2",
                "co2",
                "ppm",
                "co2-high",
                "edge",
                severity,
                max,
                status,
                value,
                kind.equals("cleared") ? 1400.0 : severity.equals("critical") ? 2000.0 : 1500.0,
                kind.equals("cleared") ? "co2 back below 1400 ppm" : "co2 above limit",
                actor);
    }

    private static AlertNotification strain(
            long id, String kind, int minutes, String severity, String status, Double value, String actor) {
        return new AlertNotification(
                id,
                kind,
                T.plusSeconds(60L * minutes),
                "rbs-gw-1",
                "strain-p2",
                "ruhrbruecke",
                "bridge",
                "p2.strain",
                "strain",
                "um/m",
                "strain-p2-high",
                "edge",
                severity,
                severity,
                status,
                value,
                severity.equals("critical") ? 450.0 : 400.0,
                "strain above limit",
                actor);
    }

    private static AlertNotification offline(
            long id, String kind, int minutes, String severity, String status, String actor) {
        return new AlertNotification(
                id,
                kind,
                T.plusSeconds(60L * minutes),
                "gsn-gw-1",
                "gateway-offline",
                "gs-nord",
                "school",
                null,
                null,
                null,
                "gateway-offline",
                "server",
                severity,
                severity,
                status,
                null,
                null,
                "no batch or health report for 5 min",
                actor);
    }
}
