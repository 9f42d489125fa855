package de.dos2030.iot.collector.places;

import de.dos2030.iot.collector.api.ConflictException;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.PlaceReport;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes places: gateways' reports and admins' edits, and the rule between them. A field a gateway
 * reported follows its reports; once an admin sets it, it is the admin's: a differing report
 * becomes an open {@link PlaceConflict} instead of a change, until an admin accepts it (the field
 * is the gateways' again) or keeps the registry's value. Each call is one transaction; thread-safe.
 */
@Singleton
public class PlaceRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PlaceRegistry.class);

    private final RelationalStore db;
    private final GatewayRegistry gateways;
    private final PlaceDirectory directory;
    private final Clock clock;

    public PlaceRegistry(RelationalStore db, GatewayRegistry gateways, PlaceDirectory directory, Clock clock) {
        this.db = db;
        this.gateways = gateways;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Fills the registry from the place {@code sender} reported. It describes the site of the sender's
     * registration (the ingest path refused a batch for any other site); a report whose site kind is not
     * the registration's is ignored, logged and recorded as a conflict of field {@code kind}.
     *
     * @return false when the report was ignored
     */
    public boolean applyReport(Gateway sender, PlaceReport report) {
        String site = sender.siteId();
        Instant now = now();
        if (report.siteKind() != sender.siteKind()) {
            LOG.warn(
                    "Place report of gateway {} ignored: it describes a {}, its registration says site {} is a {}",
                    sender.id(),
                    report.siteKind().wireName(),
                    site,
                    sender.siteKind().wireName());
            db.inTransaction(c -> {
                PlaceStore.recordConflict(
                        c,
                        site,
                        "",
                        "kind",
                        sender.siteKind().wireName(),
                        report.siteKind().wireName(),
                        sender.id(),
                        now);
                return null;
            });
            return false;
        }
        db.inTransaction(c -> {
            Map<PlaceField, Object> siteValues = new HashMap<>();
            siteValues.put(PlaceField.NAME, report.name());
            siteValues.put(PlaceField.ADDRESS, report.address());
            siteValues.put(
                    PlaceField.POSITION,
                    report.lat() == null || report.lon() == null ? null : new Position(report.lat(), report.lon()));
            siteValues.put(PlaceField.TIME_ZONE, report.timeZone());
            merge(c, PlaceStore.site(c, site), site, "", sender.siteKind().wireName(), siteValues, sender.id(), now);
            for (PlaceReport.Location l : report.locations()) {
                Map<PlaceField, Object> values = new HashMap<>();
                values.put(PlaceField.NAME, l.name());
                values.put(PlaceField.FLOOR, l.floor());
                values.put(PlaceField.NUMBER, l.number());
                values.put(PlaceField.AT, l.at());
                merge(
                        c,
                        PlaceStore.location(c, site, l.id()),
                        site,
                        l.id(),
                        l.kind().wireName(),
                        values,
                        sender.id(),
                        now);
            }
            PlaceStore.replaceSensors(c, sender.id(), site, report.sensors(), now);
            PlaceLimits.replace(c, sender.id(), report.limits(), now);
            return null;
        });
        directory.invalidate();
        return true;
    }

    private static void merge(
            Connection c,
            Optional<PlaceRow> existing,
            String site,
            String location,
            String kind,
            Map<PlaceField, Object> reported,
            String gateway,
            Instant now)
            throws SQLException {
        if (existing.isEmpty()) {
            PlaceStore.save(
                    c,
                    new PlaceRow(site, location, kind, reported, false, java.util.Set.of(), gateway, now, null, null),
                    false,
                    now);
            return;
        }
        PlaceRow row = existing.get();
        Map<PlaceField, Object> changed = new HashMap<>();
        for (Map.Entry<PlaceField, Object> e : reported.entrySet()) {
            PlaceField f = e.getKey();
            Object registry = row.value(f);
            if (Objects.equals(registry, e.getValue())) {
                PlaceStore.closeOpen(c, site, location, f.wireName(), "moot", gateway, now);
            } else if (row.adminFields().contains(f)) {
                PlaceStore.recordConflict(
                        c,
                        site,
                        location,
                        f.wireName(),
                        PlaceField.text(registry),
                        PlaceField.text(e.getValue()),
                        gateway,
                        now);
            } else {
                changed.put(f, e.getValue());
            }
        }
        PlaceStore.save(c, row.reported(changed, gateway, now), true, now);
    }

    /**
     * An admin's edit of a site: {@code changes} become the admin's fields. A field the gateways had
     * reported keeps their value as a decided conflict, so only a later, different report opens one.
     *
     * @throws NotFoundException when neither the places nor the gateway registry know the site
     */
    public void editSite(String site, Map<PlaceField, Object> changes, Boolean isPublic, String admin) {
        Instant now = now();
        db.inTransaction(c -> {
            Optional<PlaceRow> existing = PlaceStore.site(c, site);
            PlaceRow row = existing.orElseGet(() -> newSite(site));
            edit(c, row, existing.isPresent(), changes, isPublic, admin, now);
            return null;
        });
        directory.invalidate();
    }

    /**
     * An admin's edit of a location. {@code create}: a location the site does not have yet is added
     * (PUT); otherwise it must exist (PATCH).
     */
    public void editLocation(
            String site, String location, Map<PlaceField, Object> changes, boolean create, String admin) {
        Instant now = now();
        db.inTransaction(c -> {
            PlaceRow siteRow = PlaceStore.site(c, site).orElseGet(() -> newSite(site));
            Optional<PlaceRow> existing = PlaceStore.location(c, site, location);
            if (existing.isEmpty() && !create) {
                throw new NotFoundException("site '" + site + "' has no location '" + location
                        + "': PUT creates one, PATCH changes an existing one");
            }
            if (PlaceStore.site(c, site).isEmpty()) {
                PlaceStore.save(c, siteRow, false, now);
            }
            String kind = LocationKind.of(
                            de.dos2030.iot.model.SiteKind.valueOf(siteRow.kind().toUpperCase(java.util.Locale.ROOT)))
                    .wireName();
            PlaceRow row = existing.orElseGet(() ->
                    new PlaceRow(site, location, kind, Map.of(), false, java.util.Set.of(), null, null, null, null));
            edit(c, row, existing.isPresent(), changes, null, admin, now);
            return null;
        });
        directory.invalidate();
    }

    private static void edit(
            Connection c,
            PlaceRow row,
            boolean exists,
            Map<PlaceField, Object> changes,
            Boolean isPublic,
            String admin,
            Instant now)
            throws SQLException {
        for (Map.Entry<PlaceField, Object> e : changes.entrySet()) {
            PlaceField f = e.getKey();
            String location = row.locationId();
            if (row.adminFields().contains(f) || row.reportedBy() == null) {
                PlaceStore.closeOpen(c, row.siteId(), location, f.wireName(), "kept", admin, now);
            } else if (!Objects.equals(row.value(f), e.getValue())) {
                PlaceStore.recordKept(
                        c,
                        row.siteId(),
                        location,
                        f.wireName(),
                        PlaceField.text(e.getValue()),
                        PlaceField.text(row.value(f)),
                        row.reportedBy(),
                        admin,
                        now);
            }
        }
        PlaceStore.save(c, row.edited(changes, isPublic, admin, now), exists, now);
    }

    /** The open conflicts of a site, oldest first. */
    public List<PlaceConflict> openConflicts(String site) {
        return db.run(c -> PlaceStore.conflicts(c, site, "open"));
    }

    /**
     * Resolves an open conflict: {@code accept} takes the reported value (the field is the gateways'
     * again), otherwise the registry's value is kept.
     *
     * @throws NotFoundException when the site has no such conflict
     * @throws ConflictException when it is resolved already, or is about the site kind (which only a
     *     new registration changes)
     */
    public PlaceConflict resolve(String site, long id, boolean accept, String admin) {
        Instant now = now();
        PlaceConflict resolved = db.inTransaction(c -> {
            PlaceConflict conflict = PlaceStore.conflict(c, id)
                    .filter(x -> x.site().equals(site))
                    .orElseThrow(() -> new NotFoundException("site '" + site + "' has no conflict " + id));
            if (!conflict.status().equals("open")) {
                throw new ConflictException("conflict " + id + " is " + conflict.status() + " already");
            }
            PlaceField field = PlaceField.parse(conflict.field());
            if (accept && field == null) {
                throw new ConflictException("the site kind comes from the gateway's registration: register the"
                        + " gateway again with the kind its file names, or fix the file; keep closes this conflict");
            }
            if (accept) {
                String location = conflict.location() == null ? "" : conflict.location();
                Optional<PlaceRow> row =
                        location.isEmpty() ? PlaceStore.site(c, site) : PlaceStore.location(c, site, location);
                if (row.isPresent()) {
                    PlaceStore.save(
                            c,
                            row.get().accepted(field, field.parseText(conflict.reportedValue()), admin, now),
                            true,
                            now);
                }
            }
            String status = accept ? "accepted" : "kept";
            PlaceStore.setStatus(c, id, status, admin, now);
            return new PlaceConflict(
                    conflict.id(),
                    conflict.site(),
                    conflict.location(),
                    conflict.field(),
                    conflict.registryValue(),
                    conflict.reportedValue(),
                    conflict.gateway(),
                    conflict.reportedAt(),
                    status);
        });
        directory.invalidate();
        return resolved;
    }

    /** A site row for a site only the gateway registry knows. */
    private PlaceRow newSite(String site) {
        Gateway any = gateways.list().stream()
                .filter(g -> g.siteId().equals(site))
                .findFirst()
                .orElseThrow(() -> new NotFoundException(
                        "no site '" + site + "': register a gateway for it first (POST /admin/gateways)"));
        return new PlaceRow(
                site, "", any.siteKind().wireName(), Map.of(), false, java.util.Set.of(), null, null, null, null);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
