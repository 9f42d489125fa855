package de.dos2030.iot.config.load;

import de.dos2030.iot.config.definition.Fields;
import de.dos2030.iot.config.definition.GatewayFile.Fleet;
import de.dos2030.iot.config.definition.GatewayFile.Outbox;
import de.dos2030.iot.config.definition.GatewayFile.Outputs;
import de.dos2030.iot.config.definition.GatewayFile.Root;
import de.dos2030.iot.config.definition.GatewayFile.Site;
import de.dos2030.iot.config.definition.GatewayFile.Uplink;
import de.dos2030.iot.config.definition.ReadContext;
import de.dos2030.iot.config.definition.SensorFile;
import de.dos2030.iot.config.model.*;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.SiteKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the read fields of a whole file into a {@link GatewayConfig}: binds each part, reports
 * every violation of the model's invariants at its location, and checks across sensors even when
 * some sensors are broken. Returns null when anything was reported.
 */
final class GatewayBinder {

    private final ReadContext ctx;
    private final Parts parts;

    GatewayBinder(ReadContext ctx) {
        this.ctx = ctx;
        this.parts = new Parts(ctx);
    }

    GatewayConfig bind(Fields root) {
        String id = root.get(Root.ID);
        SiteConfig site = site(root.get(Root.SITE));
        UplinkConfig uplink = uplink(root.get(Root.UPLINK), id);
        OutboxConfig outbox = outbox(root.get(Root.OUTBOX));
        OutputsConfig outputs = root.has(Root.OUTPUTS) ? outputs(root.get(Root.OUTPUTS)) : OutputsConfig.none();
        Fields siteFields = root.get(Root.SITE);
        SiteKind kind = siteFields == null ? null : siteFields.get(Site.KIND);
        List<Fields> sensorFields = root.get(Root.SENSORS);
        List<SensorConfig> sensors = new ArrayList<>();
        SensorBinder sensorBinder = new SensorBinder(ctx);
        if (sensorFields != null) {
            for (Fields f : sensorFields) {
                SensorConfig s = f == null ? null : sensorBinder.bind(f, kind);
                sensors.add(s == null ? null : s.at(locationRef(f)));
            }
            GatewayInvariants.violations(id, site, uplink, outbox, sensors, outputs)
                    .forEach(ctx::report);
        }
        new ReplayFileCheck(ctx).check(sensors);
        Optional<FleetConfig> fleet = root.has(Root.FLEET) ? Optional.ofNullable(fleet(root.get(Root.FLEET))) : null;
        if (ctx.hasProblems()
                || id == null
                || site == null
                || uplink == null
                || outbox == null
                || outputs == null
                || (fleet != null && fleet.isEmpty())) {
            return null;
        }
        Optional<FleetConfig> section = fleet == null ? Optional.empty() : fleet;
        return parts.build("", () -> new GatewayConfig(id, site, uplink, outbox, sensors, outputs, section));
    }

    private SiteConfig site(Fields f) {
        if (f == null || !f.complete()) {
            return null;
        }
        Optional<GeoPosition> position =
                f.opt(Site.POSITION).map(p -> new GeoPosition(p.get(Site.LAT), p.get(Site.LON)));
        List<Violation> legacy = SiteConfig.legacyViolations(f.get(Site.KIND), f.opt(Site.SPAN), f.opt(Site.ROOM));
        if (!legacy.isEmpty()) {
            legacy.forEach(v -> ctx.report(v.under(f.path())));
            return null;
        }
        List<LocationConfig> locations = new ArrayList<>();
        locations.addAll(parts.list(f.get(Site.ROOMS), r -> location(r, LocationKind.ROOM)));
        locations.addAll(parts.list(f.get(Site.SECTIONS), r -> location(r, LocationKind.SECTION)));
        if (!Parts.whole(locations)) {
            return null;
        }
        f.opt(Site.ROOM)
                .map(n -> SiteConfig.legacyLocation(LocationKind.ROOM, n))
                .ifPresent(locations::add);
        f.opt(Site.SPAN)
                .map(n -> SiteConfig.legacyLocation(LocationKind.SECTION, n))
                .ifPresent(locations::add);
        return parts.build(
                f.path(),
                () -> new SiteConfig(
                        f.get(Site.ID),
                        f.get(Site.KIND),
                        f.get(Site.NAME),
                        f.opt(Site.ADDRESS),
                        position,
                        f.get(Site.TIME_ZONE),
                        locations));
    }

    private LocationConfig location(Fields f, LocationKind kind) {
        return parts.build(
                f.path(),
                () -> new LocationConfig(
                        f.get(Site.LOCATION_ID),
                        kind,
                        f.get(Site.LOCATION_NAME),
                        f.opt(Site.FLOOR),
                        f.opt(Site.NUMBER),
                        f.opt(Site.AT)));
    }

    /** The location a sensor entry names with {@code room} or {@code section}. */
    private static Optional<LocationRef> locationRef(Fields f) {
        return f.opt(SensorFile.ROOM)
                .map(id -> new LocationRef(LocationKind.ROOM, id))
                .or(() -> f.opt(SensorFile.BRIDGE_SECTION).map(id -> new LocationRef(LocationKind.SECTION, id)));
    }

    private UplinkConfig uplink(Fields f, String gatewayId) {
        if (f == null || !f.complete() || gatewayId == null) {
            return null;
        }
        Endpoint primary = endpoint(f.get(Uplink.PRIMARY), gatewayId);
        Optional<Endpoint> alternative = f.opt(Uplink.ALTERNATIVE).map(a -> endpoint(a, gatewayId));
        Fields b = f.get(Uplink.BATCHING);
        Batching batching = b == null
                ? new Batching(Defaults.BATCH_MAX_READINGS, Defaults.BATCH_MAX_AGE)
                : parts.build(b.path(), () -> new Batching(b.get(Uplink.MAX_READINGS), b.get(Uplink.MAX_AGE)));
        if (primary == null || batching == null || (f.has(Uplink.ALTERNATIVE) && alternative.isEmpty())) {
            return null;
        }
        return parts.build(f.path(), () -> new UplinkConfig(primary, alternative, batching, f.get(Uplink.ALERTS)));
    }

    private Endpoint endpoint(Fields f, String gatewayId) {
        return parts.build(
                f.path(),
                () -> new Endpoint(
                        f.get(Uplink.URL),
                        f.opt(Uplink.CLIENT_ID).orElse(gatewayId),
                        f.opt(Uplink.CREDENTIALS),
                        f.get(Uplink.ACK_TIMEOUT),
                        f.opt(Uplink.CA_FILE)));
    }

    private OutboxConfig outbox(Fields f) {
        if (f == null || !f.complete()) {
            return null;
        }
        SyncPolicy sync = f.get(Outbox.SYNC);
        Optional<java.time.Duration> interval = f.opt(Outbox.SYNC_INTERVAL)
                .or(() -> sync == SyncPolicy.INTERVAL ? Optional.of(Defaults.OUTBOX_SYNC_INTERVAL) : Optional.empty());
        return parts.build(
                f.path(),
                () -> new OutboxConfig(
                        f.get(Outbox.DIRECTORY), f.get(Outbox.MAX_SIZE), sync, interval, f.get(Outbox.EVICT)));
    }

    private FleetConfig fleet(Fields f) {
        if (f == null || !f.complete()) {
            return null;
        }
        return parts.build(
                f.path(),
                () -> new FleetConfig(
                        f.opt(Fleet.COLLECTOR_URL),
                        f.get(Fleet.PULL_INTERVAL),
                        f.get(Fleet.APPLY_WATCH),
                        f.opt(Fleet.RELEASE_KEY),
                        f.get(Fleet.UPDATE_WATCH)));
    }

    private OutputsConfig outputs(Fields f) {
        if (f == null || !f.complete()) {
            return null;
        }
        Optional<OutputsConfig.TrafficLight> light = f.opt(Outputs.TRAFFIC_LIGHT)
                .map(t -> parts.build(
                        t.path(),
                        () -> new OutputsConfig.TrafficLight(
                                t.get(Outputs.GREEN),
                                t.get(Outputs.YELLOW),
                                t.get(Outputs.RED),
                                t.get(Outputs.ACTIVE_LEVEL))));
        Optional<OutputsConfig.Buzzer> buzzer = f.opt(Outputs.BUZZER)
                .map(b -> parts.build(
                        b.path(), () -> new OutputsConfig.Buzzer(b.get(Outputs.PIN), b.get(Outputs.ACTIVE_LEVEL))));
        if (f.has(Outputs.TRAFFIC_LIGHT) != light.isPresent() || f.has(Outputs.BUZZER) != buzzer.isPresent()) {
            return null;
        }
        return new OutputsConfig(light, buzzer);
    }
}
