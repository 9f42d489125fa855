package de.dos2030.iot.collector.web.bridge;

import de.dos2030.iot.collector.alerts.Alert;
import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.query.SeriesAnswer;
import de.dos2030.iot.collector.web.Curve;
import de.dos2030.iot.model.PlaceReport;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the bridge page shows of one site for one range: each section's latest features with the
 * limits of its gateway's rules (from the gateway's file, through its place report: bridges have no
 * generic limits), the trends of the range, and the site's active alerts.
 */
public record BridgeView(
        PlaceDirectory.Site site,
        BridgeRange range,
        List<Section> sections,
        List<Alert> activeAlerts,
        @Nullable Instant publicUntil,
        @Nullable Duration publicWindow) {

    /** Whether this is the anonymous view of a public bridge: delayed and coarsened like its open data. */
    public boolean publicView() {
        return publicUntil != null;
    }

    /** The public view's least window in whole minutes, for its notice. */
    public long publicWindowMinutes() {
        return publicWindow == null ? 0 : publicWindow.toMinutes();
    }

    /** A quantity's latest value at a section, and the limits of the rule watching it, if one does. */
    public record Latest(
            String quantity,
            @Nullable Double value,
            String unit,
            @Nullable Instant time,
            @Nullable PlaceReport.Limit limits) {}

    /** One bridge section: latest values, and per trend quantity its curve (and the answer behind it, for CSV). */
    public record Section(
            PlaceDirectory.Location location,
            List<Latest> latest,
            Map<String, Curve> trends,
            Map<String, SeriesAnswer> answers) {
        public String name() {
            return location.name() == null ? location.id() : location.name();
        }
    }

    public String siteName() {
        return site.name() == null ? site.id() : site.name();
    }
}
