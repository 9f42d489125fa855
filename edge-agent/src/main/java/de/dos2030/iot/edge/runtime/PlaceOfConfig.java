package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.LocationConfig;
import de.dos2030.iot.config.model.RuleConfig;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SiteConfig;
import de.dos2030.iot.config.model.Thresholds;
import de.dos2030.iot.model.PlaceReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The place description a gateway reports with its health, taken from its configuration file: the
 * site's name, address, position, zone and locations, the location of each sensor (derived tilt
 * series included) and the limits of its alarm rules. The collector's registry fills itself from it; it is the same on every report
 * of one configuration, so the collector writes only when the file changed.
 */
final class PlaceOfConfig {

    private PlaceOfConfig() {}

    static PlaceReport of(GatewayConfig config) {
        SiteConfig site = config.site();
        Map<String, String> sensors = new LinkedHashMap<>();
        config.sensorLocations().forEach((sensor, location) -> sensors.put(sensor, location.id()));
        return new PlaceReport(
                site.kind(),
                site.name(),
                site.address().orElse(null),
                site.position().map(p -> p.lat()).orElse(null),
                site.position().map(p -> p.lon()).orElse(null),
                site.timeZone().getId(),
                site.locations().stream().map(PlaceOfConfig::location).toList(),
                sensors,
                limits(config));
    }

    /** The limits of every rule that has some, so that the collector's pages can show them. */
    private static List<PlaceReport.Limit> limits(GatewayConfig config) {
        List<PlaceReport.Limit> out = new ArrayList<>();
        for (SensorConfig sensor : config.sensors()) {
            for (RuleConfig rule : sensor.rules()) {
                Thresholds t = rule.thresholds();
                if (rule.hasLimits()) {
                    out.add(new PlaceReport.Limit(
                            sensor.id(),
                            rule.quantity(),
                            t.warningAbove().orElse(null),
                            t.criticalAbove().orElse(null),
                            t.warningBelow().orElse(null),
                            t.criticalBelow().orElse(null)));
                }
            }
        }
        return out;
    }

    private static PlaceReport.Location location(LocationConfig l) {
        return new PlaceReport.Location(
                l.id(), l.kind(), l.name(), l.floor().orElse(null), l.number().orElse(null), l.at().orElse(null));
    }
}
