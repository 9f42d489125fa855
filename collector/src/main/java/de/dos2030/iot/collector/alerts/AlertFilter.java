package de.dos2030.iot.collector.alerts;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.WireNames;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * Which alerts a subscription, an SSE stream or a history query wants; a null criterion matches
 * everything. The severity test uses the highest severity the alert reached, so that whoever
 * heard the raise at {@code critical} also hears its clear after it fell to {@code warning}.
 */
@Serdeable
public record AlertFilter(
        @Nullable String siteId,
        @Nullable String siteKind,
        @Nullable String gatewayId,
        @Nullable String sensorId,
        @Nullable String quantity,
        @Nullable String minSeverity) {

    public static final AlertFilter ANY = new AlertFilter(null, null, null, null, null, null);

    /** Checks every criterion (ids by the shared-model id rule) and normalises blanks to null. */
    public static AlertFilter of(
            @Nullable String siteId,
            @Nullable String siteKind,
            @Nullable String gatewayId,
            @Nullable String sensorId,
            @Nullable String quantity,
            @Nullable String minSeverity) {
        siteId = blankToNull(siteId);
        siteKind = blankToNull(siteKind);
        gatewayId = blankToNull(gatewayId);
        sensorId = blankToNull(sensorId);
        quantity = blankToNull(quantity);
        minSeverity = blankToNull(minSeverity);
        if (siteId != null) {
            IdParameter.require("siteId", siteId);
        }
        if (gatewayId != null) {
            IdParameter.require("gatewayId", gatewayId);
        }
        if (sensorId != null) {
            IdParameter.require("sensorId", sensorId);
        }
        if (siteKind != null && !siteKind.equals("bridge") && !siteKind.equals("school")) {
            throw new BadRequestException("siteKind '" + siteKind + "' is unknown (allowed: bridge, school)");
        }
        if (quantity != null && Quantity.fromWireName(quantity) == null) {
            throw new BadRequestException(
                    "quantity '" + quantity + "' is unknown (allowed: " + WireNames.allowed(Quantity.class) + ")");
        }
        if (minSeverity != null && WireNames.parse(Severity.class, minSeverity) == null) {
            throw new BadRequestException("minSeverity '" + minSeverity + "' is unknown (allowed: "
                    + WireNames.allowed(Severity.class) + ")");
        }
        return new AlertFilter(siteId, siteKind, gatewayId, sensorId, quantity, minSeverity);
    }

    public boolean matches(AlertNotification n) {
        return matches(n.siteId(), n.siteKind(), n.gatewayId(), n.sensorId(), n.quantity(), n.maxSeverity());
    }

    public boolean matches(Alert a) {
        return matches(a.siteId(), a.siteKind(), a.gatewayId(), a.sensorId(), a.quantity(), a.maxSeverity());
    }

    /** Matches an alert given by its columns (escalations look at stored alerts without loading each). */
    public boolean matches(String site, String kind, String gateway, String sensor, String qty, String maxSeverity) {
        if (siteId != null && !siteId.equals(site)
                || siteKind != null && !siteKind.equals(kind)
                || gatewayId != null && !gatewayId.equals(gateway)
                || sensorId != null && !Objects.equals(sensorId, sensor)
                || quantity != null && !Objects.equals(quantity, qty)) {
            return false;
        }
        if (minSeverity == null) {
            return true;
        }
        Severity reached = WireNames.parse(Severity.class, maxSeverity);
        return reached != null && reached.compareTo(WireNames.parse(Severity.class, minSeverity)) >= 0;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
