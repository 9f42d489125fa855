package de.dos2030.iot.config.definition;

import de.dos2030.iot.config.definition.Scalars.Text;
import de.dos2030.iot.config.model.*;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.validation.PlaceRules;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The gateway file's structure, declared once: every section, key, type, default and description.
 * The loader reads with these declarations, the writer writes with them, and the JSON Schema is
 * generated from them. Cross-field rules live with the model records ({@code *Invariants}).
 */
public final class GatewayFile {

    private GatewayFile() {}

    static final Text ID = Text.matching(Identifier.PATTERN, "a valid id", Identifier.ALLOWED);
    static final Scalars.EnumType<Quantity> QUANTITY = new Scalars.EnumType<>(Quantity.class, Quantity::wireName);
    static final Numbers.Int GPIO = new Numbers.Int(
            GpioHeader.FIRST_USABLE, GpioHeader.LAST_USABLE, "a usable pin on the 40-pin header", GpioHeader.ALLOWED);
    static final Numbers.DurationType DURATION = new Numbers.DurationType(false);
    static final Numbers.DurationType POSITIVE_DURATION = new Numbers.DurationType(true);
    static final Scalars.EnumType<ActiveLevel> ACTIVE =
            new Scalars.EnumType<>(ActiveLevel.class, ActiveLevel::wireName);

    private static Key<Double> limit(String name, String text) {
        return Key.optional(name, Numbers.Decimal.any(""), text + " (in the quantity's unit)");
    }

    /** site: */
    public static final class Site {
        public static final Key<String> ID =
                Key.required("id", GatewayFile.ID, "Site id: InfluxDB tag and MQTT topic level");
        public static final Key<SiteKind> KIND = Key.required(
                "kind", new Scalars.EnumType<>(SiteKind.class, SiteKind::wireName), "What the gateway watches");
        public static final Key<String> NAME =
                Key.required("name", Text.free(PlaceRules.MAX_SITE_NAME), "Human name of the asset");
        public static final Key<String> ADDRESS =
                Key.optional("address", Text.free(PlaceRules.MAX_ADDRESS), "Postal address");
        public static final Key<Double> LAT =
                Key.required("lat", Numbers.Decimal.between(-90, 90, "deg"), "Latitude (WGS84)");
        public static final Key<Double> LON =
                Key.required("lon", Numbers.Decimal.between(-180, 180, "deg"), "Longitude (WGS84)");
        public static final Section POSITION_SECTION = new Section("position", "WGS84 position", LAT, LON);
        public static final Key<Fields> POSITION = Key.optional("position", POSITION_SECTION, "Where the asset is");
        public static final Key<java.time.ZoneId> TIME_ZONE = Key.withDefault(
                "time-zone",
                new Scalars.ZoneType(),
                Defaults.TIME_ZONE,
                "IANA time zone of the site: where its days begin and end");
        public static final Key<String> LOCATION_ID =
                Key.required("id", GatewayFile.ID, "Location id, unique within the site; sensors name it");
        public static final Key<String> LOCATION_NAME = Key.required(
                "name", Text.free(PlaceRules.MAX_LOCATION_NAME), "Human name (Klasse 4b, Feld 2, Pfeiler P2)");
        public static final Key<Integer> FLOOR = Key.optional(
                "floor", Numbers.Int.range(PlaceRules.MIN_FLOOR, PlaceRules.MAX_FLOOR), "Floor (0: ground floor)");
        public static final Key<String> NUMBER =
                Key.optional("number", Text.free(PlaceRules.MAX_ROOM_NUMBER), "Room number as on the door");
        public static final Key<Double> AT = Key.optional(
                "at",
                Numbers.Decimal.between(0, PlaceRules.MAX_AT_METRES, "m"),
                "Position along the bridge: metres from its start");
        public static final Section ROOM_ENTRY =
                new Section("room", "A room of the school", LOCATION_ID, LOCATION_NAME, FLOOR, NUMBER);
        public static final Section BRIDGE_SECTION_ENTRY =
                new Section("bridge-section", "A section (span, field) of the bridge", LOCATION_ID, LOCATION_NAME, AT);
        public static final Key<List<Fields>> ROOMS = Key.optional(
                "rooms", new ListType<>(ROOM_ENTRY, 1), "Schools: the rooms sensors are in (sensors name one: room)");
        public static final Key<List<Fields>> SECTIONS = Key.optional(
                "sections",
                new ListType<>(BRIDGE_SECTION_ENTRY, 1),
                "Bridges: the sections sensors are on (sensors name one: section)");
        public static final Key<String> SPAN = Key.optional(
                "span",
                Text.free(PlaceRules.MAX_LOCATION_NAME),
                "Older form of sections: the one bridge span all sensors are on");
        public static final Key<String> ROOM = Key.optional(
                "room",
                Text.free(PlaceRules.MAX_LOCATION_NAME),
                "Older form of rooms: the one room all sensors are in");
        public static final Section SECTION = new Section(
                        "site",
                        "The asset this gateway watches",
                        ID,
                        KIND,
                        NAME,
                        ADDRESS,
                        POSITION,
                        TIME_ZONE,
                        ROOMS,
                        SECTIONS,
                        SPAN,
                        ROOM)
                .atMostOneOf(SPAN, ROOM)
                .atMostOneOf(ROOMS, ROOM)
                .atMostOneOf(SECTIONS, SPAN);
    }

    /** uplink: */
    public static final class Uplink {
        static final Set<String> SCHEMES = Stream.of(TransportProtocol.values())
                .flatMap(p -> p.schemes().stream())
                .collect(Collectors.toSet());
        public static final Key<java.net.URI> URL = Key.required(
                "url",
                new Scalars.UriType(SCHEMES),
                "Broker or collector URL; the scheme picks protocol and TLS (tcp/ssl for MQTT, coap/coaps, http/https)");
        public static final Key<String> CLIENT_ID = Key.optional(
                "client-id", Text.free(64), "Client id presented to the broker or collector; default: the gateway id");
        public static final Key<java.nio.file.Path> CREDENTIALS = Key.optional(
                "credentials-file",
                new Scalars.PathType("a credentials file"),
                "File with user name and password or token, kept out of this file");
        public static final Key<java.time.Duration> ACK_TIMEOUT = Key.withDefault(
                "ack-timeout",
                POSITIVE_DURATION,
                Defaults.ACK_TIMEOUT,
                "Wait this long for the collector's 'stored' answer before re-sending");
        public static final Key<java.nio.file.Path> CA_FILE = Key.optional(
                "ca-file",
                new Scalars.PathType("a CA certificate file"),
                "For ssl:// and mqtts://: PEM file of the CA that signed the broker's certificate (only it is trusted);"
                        + " default: the JVM's trust store");
        public static final Section ENDPOINT =
                new Section("endpoint", "One uplink endpoint", URL, CLIENT_ID, CREDENTIALS, ACK_TIMEOUT, CA_FILE);
        public static final Key<Integer> MAX_READINGS = Key.withDefault(
                "max-readings",
                Numbers.Int.range(1, Batching.MAX_READINGS_LIMIT),
                Defaults.BATCH_MAX_READINGS,
                "Close a batch at this many readings");
        public static final Key<java.time.Duration> MAX_AGE = Key.withDefault(
                "max-age",
                POSITIVE_DURATION,
                Defaults.BATCH_MAX_AGE,
                "Close a batch when its oldest reading is this old");
        public static final Section BATCHING_SECTION =
                new Section("batching", "When a batch is closed and sent", MAX_READINGS, MAX_AGE);
        public static final Key<Fields> PRIMARY =
                Key.required("primary", ENDPOINT, "The MQTT broker (tcp:// or ssl://)");
        public static final Key<Fields> ALTERNATIVE = Key.optional(
                "alternative", ENDPOINT, "CoAP or HTTP endpoint of the collector, used while MQTT is unreachable");
        public static final Key<Fields> BATCHING = Key.optional("batching", BATCHING_SECTION, "Batching");
        public static final Key<AlertDelivery> ALERTS = Key.withDefault(
                "alerts",
                new Scalars.EnumType<>(AlertDelivery.class, AlertDelivery::wireName),
                Defaults.ALERT_DELIVERY,
                "How alert events travel");
        public static final Section SECTION =
                new Section("uplink", "How batches reach the collector", PRIMARY, ALTERNATIVE, BATCHING, ALERTS);
    }

    /** outbox: */
    public static final class Outbox {
        public static final Key<java.nio.file.Path> DIRECTORY = Key.required(
                "directory", new Scalars.PathType("the outbox directory"), "Journal directory; relative to this file");
        public static final Key<Long> MAX_SIZE = Key.withDefault(
                "max-size",
                new Numbers.ByteSize(OutboxConfig.MIN_BYTES),
                Defaults.OUTBOX_MAX_BYTES,
                "Size cap of the journal");
        public static final Key<SyncPolicy> SYNC = Key.withDefault(
                "sync",
                new Scalars.EnumType<>(SyncPolicy.class, SyncPolicy::wireName),
                Defaults.OUTBOX_SYNC,
                "When the journal is forced to disk");
        public static final Key<java.time.Duration> SYNC_INTERVAL = Key.optional(
                "sync-interval",
                POSITIVE_DURATION,
                "Sync period when sync is interval; default " + DurationText.format(Defaults.OUTBOX_SYNC_INTERVAL));
        public static final Key<EvictionPolicy> EVICT = Key.withDefault(
                "evict",
                new Scalars.EnumType<>(EvictionPolicy.class, EvictionPolicy::wireName),
                Defaults.OUTBOX_EVICTION,
                "What goes first when full");
        public static final Section SECTION = new Section(
                "outbox", "Durable journal of unacknowledged batches", DIRECTORY, MAX_SIZE, SYNC, SYNC_INTERVAL, EVICT);
    }

    /** outputs: */
    public static final class Outputs {
        public static final Key<Integer> GREEN = Key.required("green", GPIO, "GPIO of the green LED");
        public static final Key<Integer> YELLOW = Key.required("yellow", GPIO, "GPIO of the yellow LED");
        public static final Key<Integer> RED = Key.required("red", GPIO, "GPIO of the red LED");
        public static final Key<ActiveLevel> ACTIVE_LEVEL = Key.withDefault(
                "active", ACTIVE, Defaults.OUTPUT_ACTIVE_LEVEL, "GPIO level that switches the output on");
        public static final Key<Integer> PIN = Key.required("pin", GPIO, "GPIO of the buzzer");
        public static final Section TRAFFIC_LIGHT_SECTION = new Section(
                "traffic-light",
                "Green: all clear; yellow: a warning; red: a critical level",
                GREEN,
                YELLOW,
                RED,
                ACTIVE_LEVEL);
        public static final Section BUZZER_SECTION =
                new Section("buzzer", "Sounds while a rule with the buzzer action is critical", PIN, ACTIVE_LEVEL);
        public static final Key<Fields> TRAFFIC_LIGHT =
                Key.optional("traffic-light", TRAFFIC_LIGHT_SECTION, "Traffic light");
        public static final Key<Fields> BUZZER = Key.optional("buzzer", BUZZER_SECTION, "Buzzer");
        public static final Section SECTION = new Section("outputs", "Local outputs on GPIO", TRAFFIC_LIGHT, BUZZER);
    }

    /** rules: */
    public static final class Rule {
        public static final Key<String> ID = Key.required("id", GatewayFile.ID, "Rule id, unique within the gateway");
        public static final Key<Quantity> QUANTITY =
                Key.required("quantity", GatewayFile.QUANTITY, "Sample quantity or window feature the rule watches");
        public static final Key<Double> WARNING_ABOVE = limit("warning-above", "Warning when above");
        public static final Key<Double> CRITICAL_ABOVE = limit("critical-above", "Critical when above");
        public static final Key<Double> WARNING_BELOW = limit("warning-below", "Warning when below");
        public static final Key<Double> CRITICAL_BELOW = limit("critical-below", "Critical when below");
        public static final Key<Double> DEADBAND = Key.optional(
                "deadband",
                Numbers.Decimal.between(0, 1e12, ""),
                "Hysteresis: clear only once back inside by this much; default " + Defaults.DEADBAND);
        public static final Key<java.time.Duration> RAISE_AFTER = Key.optional(
                "raise-after",
                DURATION,
                "Breach must last this long; default " + DurationText.format(Defaults.RAISE_AFTER));
        public static final Key<java.time.Duration> CLEAR_AFTER = Key.optional(
                "clear-after",
                DURATION,
                "Value must be back this long; default " + DurationText.format(Defaults.CLEAR_AFTER));
        public static final Key<Double> ROC_LIMIT =
                Key.required("limit", Numbers.Decimal.positive(1e12, ""), "Largest allowed change");
        public static final Key<java.time.Duration> ROC_PER =
                Key.required("per", POSITIVE_DURATION, "Within this time");
        public static final Section RATE_OF_CHANGE_SECTION = new Section(
                "rate-of-change", "Fires when the value changes by more than limit within per", ROC_LIMIT, ROC_PER);
        public static final Key<Fields> RATE_OF_CHANGE =
                Key.optional("rate-of-change", RATE_OF_CHANGE_SECTION, "Rate-of-change check");
        public static final Key<java.time.Duration> FLATLINE = Key.optional(
                "flatline", POSITIVE_DURATION, "Fires when the value has not moved for this long (stuck sensor)");
        public static final Key<java.time.Duration> NO_DATA_AFTER =
                Key.optional("no-data-after", POSITIVE_DURATION, "Fires when no value arrived for this long");
        public static final Key<List<Action>> ACTIONS = Key.optional(
                "actions",
                new ListType<>(new Scalars.EnumType<>(Action.class, Action::wireName), 0),
                "Local outputs driven while the rule is raised");
        public static final Section SECTION = new Section(
                "rule",
                "An alarm rule; with no check at all it takes " + "the site kind's default limits for its quantity",
                ID,
                QUANTITY,
                WARNING_ABOVE,
                CRITICAL_ABOVE,
                WARNING_BELOW,
                CRITICAL_BELOW,
                DEADBAND,
                RAISE_AFTER,
                CLEAR_AFTER,
                RATE_OF_CHANGE,
                FLATLINE,
                NO_DATA_AFTER,
                ACTIONS);
    }

    /** fleet: */
    public static final class Fleet {
        public static final Key<java.net.URI> COLLECTOR_URL = Key.optional(
                "collector-url",
                new Scalars.UriType(Set.of("http", "https")),
                "The collector's base URL: HTTP pull of the desired state and release downloads");
        public static final Key<java.time.Duration> PULL_INTERVAL = Key.withDefault(
                "pull-interval",
                POSITIVE_DURATION,
                Defaults.FLEET_PULL_INTERVAL,
                "HTTP pull period (MQTT gateways get the retained message at once)");
        public static final Key<java.time.Duration> APPLY_WATCH = Key.withDefault(
                "apply-watch",
                POSITIVE_DURATION,
                Defaults.FLEET_APPLY_WATCH,
                "How long a new configuration must prove itself (every sensor answers, one batch stored) before commit");
        public static final Key<java.nio.file.Path> RELEASE_KEY = Key.optional(
                "release-key",
                new Scalars.PathType("a public key file"),
                "The operator's Ed25519 public key (X.509 PEM) that signs agent releases");
        public static final Key<java.time.Duration> UPDATE_WATCH = Key.withDefault(
                "update-watch",
                POSITIVE_DURATION,
                Defaults.FLEET_UPDATE_WATCH,
                "How long a new agent may take to report healthy");
        public static final Section SECTION = new Section(
                "fleet",
                "Remote configuration and agent updates; absent: neither",
                COLLECTOR_URL,
                PULL_INTERVAL,
                APPLY_WATCH,
                RELEASE_KEY,
                UPDATE_WATCH);
    }

    /** The top level of the file. */
    public static final class Root {
        public static final Key<String> ID =
                Key.required("id", GatewayFile.ID, "Gateway id: MQTT topic level, InfluxDB tag and default client id");
        public static final Key<Fields> SITE = Key.required("site", Site.SECTION, "The asset");
        public static final Key<Fields> UPLINK = Key.required("uplink", Uplink.SECTION, "Uplink");
        public static final Key<Fields> OUTBOX = Key.required("outbox", Outbox.SECTION, "Outbox");
        public static final Key<List<Fields>> SENSORS =
                Key.required("sensors", new ListType<>(SensorFile.SECTION, 1), "The sensors wired to this gateway");
        public static final Key<Fields> OUTPUTS = Key.optional("outputs", Outputs.SECTION, "Local outputs");
        public static final Key<Fields> FLEET =
                Key.optional("fleet", Fleet.SECTION, "Remote configuration and agent updates");
        public static final Section SECTION = new Section(
                "gateway",
                "One DOS IoT gateway (Raspberry Pi) and its sensors",
                ID,
                SITE,
                UPLINK,
                OUTBOX,
                SENSORS,
                OUTPUTS,
                FLEET);
    }
}
