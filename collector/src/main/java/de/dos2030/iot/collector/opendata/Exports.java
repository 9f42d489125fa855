package de.dos2030.iot.collector.opendata;

import de.dos2030.iot.collector.activity.ActivityTracker;
import de.dos2030.iot.collector.activity.SensorSeen;
import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ErrorAnswer;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.places.SensorAt;
import de.dos2030.iot.collector.security.Scope;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.WireNames;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what an export request gets ({@link Export}): validates the parameters (400 naming the one it
 * cannot read), finds the location (404 for a site an anonymous caller may not see, worded as for one
 * that does not exist, so that existence does not leak), applies the public tier to anonymous callers
 * (cut at {@link PublicTier#publicUntil}, windows at least {@link PublicTier#minWindow}) and lists the
 * location's columns from the sensors its gateways reported there. Thread-safe.
 */
@Singleton
public class Exports {
    /** The windows an export offers; anonymous callers get at least their site kind's minimum. */
    static final Map<String, Duration> WINDOWS =
            Map.of("1m", Duration.ofMinutes(1), "10m", Duration.ofMinutes(10), "1h", Duration.ofHours(1));

    private final PlaceDirectory places;
    private final ActivityTracker activity;
    private final PublicTier tier;
    private final Clock clock;

    public Exports(PlaceDirectory places, ActivityTracker activity, PublicTier tier, Clock clock) {
        this.places = places;
        this.activity = activity;
        this.tier = tier;
        this.clock = clock;
    }

    /**
     * @throws BadRequestException naming the parameter it cannot read
     * @throws NotFoundException   for an unknown (or, anonymously, non-public) site or location, or a
     *                             period of which nothing is visible yet
     */
    public Export resolve(
            String site,
            String location,
            String fileName,
            @Nullable String window,
            @Nullable String dialect,
            @Nullable String acceptLanguage,
            OpenCaller given,
            Scope scope,
            String base) {
        IdParameter.require("site", site);
        IdParameter.require("location", location);
        // A token whose scope does not hold the site reads it as anyone does: public and delayed, or 404.
        OpenCaller caller = given.anonymous()
                        || scope.allows(
                                site,
                                places.site(site).map(PlaceDirectory.Site::kind).orElse(null))
                ? given
                : OpenCaller.ANONYMOUS;
        ExportFile file = ExportFile.parse(fileName);
        Duration asked = null;
        if (window != null && !window.equals("raw")) {
            asked = WINDOWS.get(window);
            if (asked == null) {
                throw new BadRequestException("window " + ErrorAnswer.quoted(window)
                        + " is unknown (allowed: 1m, 10m, 1h; leave it out for every sample)");
            }
        }
        CsvDialect csv = CsvDialect.of(dialect, acceptLanguage);
        PlaceDirectory.Site s = places.site(site)
                .filter(found -> found.isPublic() || !caller.anonymous())
                .orElseThrow(() -> new NotFoundException((caller.anonymous() ? "no public site " : "no site ")
                        + ErrorAnswer.quoted(site) + ": the catalogue /open/v1/catalog lists the public ones"));
        PlaceDirectory.Location at = places.location(site, location)
                .orElseThrow(() -> new NotFoundException("site '" + site + "' has no location "
                        + ErrorAnswer.quoted(location) + " (it has: "
                        + String.join(", ", places.locations(site).keySet()) + ")"));
        SiteKind kind = WireNames.parse(SiteKind.class, s.kind());
        ZoneId zone = s.zone();
        Instant now = clock.instant();
        Instant from = file.first().atStartOfDay(zone).toInstant();
        Instant end = file.end().atStartOfDay(zone).toInstant();
        Instant until = now;
        Duration effective = asked;
        if (caller.anonymous()) {
            until = tier.publicUntil(kind == null ? SiteKind.SCHOOL : kind, zone, now);
            Duration least = tier.minWindow(kind == null ? SiteKind.SCHOOL : kind);
            if (effective == null || effective.compareTo(least) < 0) {
                effective = least.isZero() ? effective : least;
            }
        }
        if (!from.isBefore(until)) {
            throw new NotFoundException("nothing of " + file.label() + " is "
                    + (caller.anonymous()
                            ? "public yet: " + s.kind() + " data becomes public after a delay; public now is what was"
                                    + " measured before " + until
                            : "measured yet")
                    + "; try an earlier date");
        }
        Instant to = end.isAfter(until) ? until : end;
        return new Export(
                s,
                at,
                file,
                csv,
                effective,
                from,
                to,
                zone,
                columns(site, location),
                !end.isAfter(until),
                caller.anonymous(),
                base);
    }

    /** The columns of a location: each quantity each of its sensors reported, in quantity then sensor order. */
    List<ExportColumn> columns(String site, String location) {
        List<SensorAt> sensors = places.sensorsAt(site, location);
        List<SensorSeen> seen = new ArrayList<>();
        for (SensorSeen s : activity.sensors().values()) {
            for (SensorAt at : sensors) {
                if (at.gateway().equals(s.gatewayId()) && at.sensor().equals(s.sensorId())) {
                    seen.add(s);
                }
            }
        }
        List<SensorSeen> known = seen.stream()
                .filter(s -> Quantity.fromWireName(s.quantity()) != null)
                .sorted(Comparator.<SensorSeen, Quantity>comparing(s -> Quantity.fromWireName(s.quantity()))
                        .thenComparing(SensorSeen::gatewayId)
                        .thenComparing(SensorSeen::sensorId))
                .toList();
        Map<Quantity, Integer> perQuantity = new HashMap<>();
        known.forEach(s -> perQuantity.merge(Quantity.fromWireName(s.quantity()), 1, Integer::sum));
        List<ExportColumn> columns = new ArrayList<>();
        for (SensorSeen s : known) {
            Quantity q = Quantity.fromWireName(s.quantity());
            String label = perQuantity.get(q) > 1 ? q.wireName() + " (" + s.sensorId() + ")" : q.wireName();
            columns.add(new ExportColumn(q, s.gatewayId(), s.sensorId(), label));
        }
        return columns;
    }
}
