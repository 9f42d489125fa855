package de.dos2030.iot.config.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The rules that span sensors and outputs: unique sensor and rule ids (derived tilt ids included), one chip per bus address,
 * each sensor at a location its site declares,
 * each GPIO used once (pins of a shared bus excepted), rule actions on configured outputs, and
 * simulation scenarios that match the kind of site. Sensor entries may be null (parts of a file
 * that could not be read); they are skipped so that the rest is still checked.
 */
public final class GatewayInvariants {

    private GatewayInvariants() {}

    public static List<Violation> violations(
            String id,
            SiteConfig site,
            UplinkConfig uplink,
            OutboxConfig outbox,
            List<SensorConfig> sensors,
            OutputsConfig outputs) {
        List<Violation> out = new ArrayList<>();
        Identifier.check("id", id).ifPresent(out::add);
        if (sensors == null) {
            return out;
        }
        if (sensors.isEmpty()) {
            out.add(Violation.of("sensors", "a gateway needs at least one sensor"));
        }
        uniqueIds(out, sensors);
        busAddresses(out, sensors);
        pins(out, sensors, outputs);
        temperatureSources(out, sensors);
        if (site != null) {
            SensorLocations.violations(out, site, sensors);
        }
        for (int i = 0; i < sensors.size(); i++) {
            SensorConfig s = sensors.get(i);
            if (s == null) {
                continue;
            }
            if (outputs != null) {
                actions(out, "sensors[" + i + "]", s, outputs);
            }
            if (site != null
                    && s.source() instanceof SourceConfig.Simulated sim
                    && sim.scenario().siteKind() != site.kind()) {
                out.add(Violation.of(
                        "sensors[" + i + "].source.scenario",
                        sim.scenario().wireName() + " simulates a "
                                + sim.scenario().siteKind().wireName() + ", but this site is a "
                                + site.kind().wireName(),
                        java.util.Arrays.stream(Scenario.values())
                                .filter(x -> x.siteKind() == site.kind())
                                .map(Scenario::wireName)
                                .collect(Collectors.joining(", "))));
            }
        }
        return out;
    }

    private static void uniqueIds(List<Violation> out, List<SensorConfig> sensors) {
        Map<String, Integer> sensorIds = new HashMap<>();
        Map<String, String> ruleIds = new HashMap<>();
        for (int i = 0; i < sensors.size(); i++) {
            SensorConfig s = sensors.get(i);
            if (s == null) {
                continue;
            }
            Integer first = sensorIds.putIfAbsent(s.id(), i);
            if (first != null) {
                out.add(Violation.of(
                        "sensors[" + i + "].id",
                        "sensor id '" + s.id() + "' is already used by sensors[" + first + "]",
                        "an id unique within the gateway"));
            }
            for (int r = 0; r < s.rules().size(); r++) {
                String path = "sensors[" + i + "].rules[" + r + "]";
                String prev = ruleIds.putIfAbsent(s.rules().get(r).id(), path);
                if (prev != null) {
                    out.add(Violation.of(
                            path + ".id",
                            "rule id '" + s.rules().get(r).id() + "' is already used by " + prev,
                            "an id unique within the gateway"));
                }
            }
        }
        derivedTiltIds(out, sensors, sensorIds);
    }

    /** {@code <id>-pitch} and {@code <id>-roll} of a sensor with tilt are sensor ids too: no other sensor may have them. */
    private static void derivedTiltIds(
            List<Violation> out, List<SensorConfig> sensors, Map<String, Integer> sensorIds) {
        for (int i = 0; i < sensors.size(); i++) {
            SensorConfig s = sensors.get(i);
            if (s == null || s.tilt().isEmpty()) {
                continue;
            }
            for (String derived : TiltConfig.derivedIds(s.id())) {
                Integer other = sensorIds.get(derived);
                if (other != null) {
                    out.add(Violation.of(
                            "sensors[" + i + "].tilt",
                            "the derived sensor id '" + derived + "' is already used by sensors[" + other + "]",
                            "an id unique within the gateway:" + " rename one of the two sensors"));
                }
            }
        }
    }

    private static void busAddresses(List<Violation> out, List<SensorConfig> sensors) {
        Map<String, SensorConfig> taken = new HashMap<>();
        for (int i = 0; i < sensors.size(); i++) {
            SensorConfig s = sensors.get(i);
            if (s == null || s.bus().isEmpty()) {
                continue;
            }
            BusConfig b = s.bus().get();
            String key;
            String path;
            if (b instanceof I2cBus i2c) {
                key = "i2c-" + i2c.bus() + " address " + I2cBus.hex(i2c.address());
                path = "i2c.address";
            } else if (b instanceof SpiBus spi) {
                key = "spi" + spi.bus() + " chip select " + spi.chipSelect();
                path = "spi.chip-select";
            } else {
                continue;
            }
            SensorConfig other = taken.putIfAbsent(key, s);
            if (other != null) {
                out.add(Violation.of(
                        "sensors[" + i + "]." + path,
                        key + " is already taken by sensor '" + other.id() + "'",
                        "one chip per address"));
            }
        }
    }

    private record Owner(String owner, BusConfig.Sharing sharing, String what, String path) {}

    private static void pins(List<Violation> out, List<SensorConfig> sensors, OutputsConfig outputs) {
        List<Owner> claims = new ArrayList<>();
        List<Integer> gpios = new ArrayList<>();
        for (int i = 0; i < sensors.size(); i++) {
            SensorConfig s = sensors.get(i);
            if (s == null || s.bus().isEmpty()) {
                continue;
            }
            BusConfig b = s.bus().get();
            for (BusConfig.PinClaim c : b.pins()) {
                String key = b.kind().wireName() + "."
                        + switch (c.role()) {
                            case "SDA" -> "sda";
                            case "SCL" -> "scl";
                            case "data" -> "data";
                            case "clock" -> "clock";
                            default -> c.role().startsWith("CE") ? "chip-select" : "bus";
                        };
                claims.add(new Owner(
                        c.owner(),
                        c.sharing(),
                        c.role() + " of " + c.owner().replaceAll("\\.ce[0-9]$", "") + " for sensor '" + s.id() + "'",
                        "sensors[" + i + "]." + key));
                gpios.add(c.gpio());
            }
        }
        if (outputs != null) {
            for (OutputsConfig.Claim c : outputs.pins()) {
                claims.add(new Owner(c.path(), BusConfig.Sharing.EXCLUSIVE, c.path(), c.path()));
                gpios.add(c.gpio());
            }
        }
        Set<Integer> used = new TreeSet<>(gpios);
        String free = IntStream.rangeClosed(GpioHeader.FIRST_USABLE, GpioHeader.LAST_USABLE)
                .filter(g -> !used.contains(g))
                .mapToObj(g -> "GPIO " + g)
                .collect(Collectors.joining(", "));
        Map<Integer, Owner> byPin = new LinkedHashMap<>();
        Set<String> reported = new TreeSet<>();
        for (int k = 0; k < claims.size(); k++) {
            Owner c = claims.get(k);
            Owner first = byPin.putIfAbsent(gpios.get(k), c);
            boolean shared = first != null
                    && first.owner().equals(c.owner())
                    && c.sharing() == BusConfig.Sharing.BUS
                    && first.sharing() == BusConfig.Sharing.BUS;
            if (first != null && !shared && reported.add(c.path())) {
                out.add(Violation.of(
                        c.path(),
                        "GPIO " + gpios.get(k) + " is already used as " + first.what(),
                        free.isEmpty() ? "no GPIO is left free" : "a free pin: " + free));
            }
        }
        softwareBuses(out, sensors);
    }

    private static void softwareBuses(List<Violation> out, List<SensorConfig> sensors) {
        Map<Integer, I2cBus> first = new HashMap<>();
        for (int i = 0; i < sensors.size(); i++) {
            SensorConfig s = sensors.get(i);
            if (s != null && s.bus().orElse(null) instanceof I2cBus i2c && !i2c.isHardware()) {
                I2cBus prev = first.putIfAbsent(i2c.bus(), i2c);
                if (prev != null && (prev.sda() != i2c.sda() || prev.scl() != i2c.scl())) {
                    out.add(Violation.of(
                            "sensors[" + i + "].i2c.sda",
                            "i2c-" + i2c.bus() + " is already on SDA GPIO " + prev.sda() + " / SCL GPIO " + prev.scl(),
                            "sda: " + prev.sda() + ", scl: " + prev.scl()));
                }
            }
        }
    }

    /** A compensated strain gauge needs a temperature: another sensor's, or its own. */
    private static void temperatureSources(List<Violation> out, List<SensorConfig> sensors) {
        Map<String, SensorConfig> byId = new HashMap<>();
        for (SensorConfig s : sensors) {
            if (s != null) {
                byId.putIfAbsent(s.id(), s);
            }
        }
        String withTemperature = sensors.stream()
                .filter(s -> s != null && s.sampleQuantities().contains(de.dos2030.iot.model.Quantity.TEMPERATURE))
                .map(SensorConfig::id)
                .collect(Collectors.joining(", "));
        String allowed = withTemperature.isEmpty() ? "no sensor of this gateway measures temperature" : withTemperature;
        for (int i = 0; i < sensors.size(); i++) {
            SensorConfig s = sensors.get(i);
            if (s == null || s.calibration().temperatureCompensation().isEmpty()) {
                continue;
            }
            TemperatureCompensation tc =
                    s.calibration().temperatureCompensation().get();
            String path = "sensors[" + i + "].calibration.temperature-compensation";
            SensorConfig source = byId.get(tc.source().orElse(s.id()));
            if (source != null && source.sampleQuantities().contains(de.dos2030.iot.model.Quantity.TEMPERATURE)) {
                continue;
            }
            if (tc.source().isPresent()) {
                out.add(Violation.of(
                        path + ".source",
                        "'" + tc.source().get() + "' is not a sensor of this gateway" + " that measures temperature",
                        allowed));
            } else {
                out.add(Violation.of(
                        path,
                        "the " + s.driver().chipName() + " has no temperature of its own: name"
                                + " the sensor whose temperature compensates the gauge in source",
                        allowed));
            }
        }
    }

    private static void actions(List<Violation> out, String path, SensorConfig s, OutputsConfig outputs) {
        for (int r = 0; r < s.rules().size(); r++) {
            for (Action a : s.rules().get(r).actions()) {
                boolean configured = switch (a) {
                    case TRAFFIC_LIGHT -> outputs.trafficLight().isPresent();
                    case BUZZER -> outputs.buzzer().isPresent();
                };
                if (!configured) {
                    out.add(Violation.of(
                            path + ".rules[" + r + "].actions",
                            a.wireName() + " is not configured under outputs",
                            "outputs." + a.wireName()));
                }
            }
        }
    }
}
