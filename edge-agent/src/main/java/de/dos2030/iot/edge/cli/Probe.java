package de.dos2030.iot.edge.cli;

import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sample.SensorFault;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.source.ChipCatalogue;
import de.dos2030.iot.edge.source.GatewaySensors;
import de.dos2030.iot.edge.source.SensorSources;
import de.dos2030.iot.model.Quantity;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The technician's check: start every configured sensor, wait for a first sample of each of its
 * quantities or its first fault, and list devices answering on the gateway's I2C buses that the
 * configuration does not mention.
 */
final class Probe {

    /** One configured sensor's outcome. */
    record Result(SensorConfig config, boolean ok, String where, String identity, String detail) {}

    record Report(List<Result> results, List<String> unconfigured) {
        int failures() {
            return (int) results.stream().filter(r -> !r.ok()).count();
        }

        int exitCode() {
            return failures() == 0 ? 0 : 1;
        }
    }

    private Probe() {}

    static Report run(TechnicianSession session, Duration limit) {
        Map<String, Map<Quantity, Sample>> firsts = new ConcurrentHashMap<>();
        Map<String, SensorFault> faults = new ConcurrentHashMap<>();
        SensorListener listener = new SensorListener() {
            @Override
            public void sample(Sample s) {
                firsts.computeIfAbsent(s.sensorId(), k -> new ConcurrentHashMap<>())
                        .putIfAbsent(s.quantity(), s);
            }

            @Override
            public void fault(SensorFault f) {
                faults.putIfAbsent(f.sensorId(), f);
            }
        };
        Map<String, SensorSources.Source> byId = new LinkedHashMap<>();
        session.sources().forEach(s -> byId.put(s.config().id(), s));
        try (SensorScheduler scheduler = session.scheduler(listener)) {
            session.run.run(
                    scheduler,
                    limit,
                    Duration.ofMillis(100),
                    Double.POSITIVE_INFINITY,
                    () -> byId.values().stream().allMatch(s -> {
                        String id = s.config().id();
                        return faults.containsKey(id)
                                || firsts.getOrDefault(id, Map.of())
                                        .keySet()
                                        .containsAll(s.acquisition().quantities());
                    }),
                    () -> {});
        }
        List<Result> results = new ArrayList<>();
        for (SensorConfig c : session.config.sensors()) {
            String where = where(c);
            SensorSources.Source source = byId.get(c.id());
            if (source == null) {
                String msg = session.broken().stream()
                        .filter(b -> b.config() == c)
                        .map(GatewaySensors.Broken::message)
                        .findFirst()
                        .orElse("not opened");
                results.add(new Result(c, false, where, "", msg));
                continue;
            }
            String identity = source.acquisition().identity().orElse("");
            SensorFault fault = faults.get(c.id());
            Map<Quantity, Sample> got = firsts.getOrDefault(c.id(), Map.of());
            if (fault != null) {
                results.add(new Result(c, false, where, identity, fault.message()));
            } else if (!got.keySet().containsAll(source.acquisition().quantities())) {
                results.add(new Result(
                        c,
                        false,
                        where,
                        identity,
                        "no complete reading within " + limit.toSeconds() + " s (got " + got.keySet()
                                + "): check the sample interval and the chip's power"));
            } else {
                Map<Quantity, Sample> ordered = new EnumMap<>(got);
                StringBuilder values = new StringBuilder();
                ordered.values()
                        .forEach(s ->
                                values.append(values.length() == 0 ? "" : ", ").append(Values.format(s)));
                results.add(new Result(c, true, where, identity, values.toString()));
            }
        }
        return new Report(results, unconfigured(session));
    }

    static String where(SensorConfig c) {
        if (c.source() instanceof SourceConfig.Replay r)
            return "replay " + r.file().getFileName();
        return SensorSources.busAddress(c).map(BusAddress::toString).orElse("gpio");
    }

    /** Addresses answering on the configured I2C buses that no sensor claims. */
    private static List<String> unconfigured(TechnicianSession session) {
        Map<Integer, Set<Integer>> configured = new LinkedHashMap<>();
        Map<Integer, SensorConfig> anySensorOnBus = new LinkedHashMap<>();
        for (SensorConfig c : session.config.sensors()) {
            if (c.source() instanceof SourceConfig.Replay) continue;
            SensorSources.busAddress(c).ifPresent(a -> {
                if (a instanceof BusAddress.I2c i2c) {
                    configured.computeIfAbsent(i2c.bus(), b -> new TreeSet<>()).add(i2c.address());
                    anySensorOnBus.putIfAbsent(i2c.bus(), c);
                }
            });
        }
        List<String> out = new ArrayList<>();
        configured.forEach((bus, addresses) -> {
            try {
                for (int address : session.busesOf(anySensorOnBus.get(bus)).scanI2c(bus)) {
                    if (!addresses.contains(address)) {
                        out.add(String.format("i2c-%d 0x%02X (%s)", bus, address, ChipCatalogue.likelyChipAt(address)));
                    }
                }
            } catch (BusException e) {
                out.add("i2c-" + bus + " could not be scanned: " + e.getMessage());
            }
        });
        return out;
    }

    static void print(Report report, PrintWriter out) {
        int idWidth = Math.max(
                6,
                report.results().stream()
                        .mapToInt(r -> r.config().id().length())
                        .max()
                        .orElse(6));
        int whereWidth = Math.max(
                5,
                report.results().stream()
                        .mapToInt(r -> r.where().length())
                        .max()
                        .orElse(5));
        for (Result r : report.results()) {
            String head = String.format(
                    "%-4s  %-" + idWidth + "s  %-8s %-" + whereWidth + "s  ",
                    r.ok() ? "OK" : "FAIL",
                    r.config().id(),
                    r.config().driver().chipName(),
                    r.where());
            out.println(head + (r.ok() ? r.identity() + ": " + r.detail() : r.detail()));
        }
        if (!report.unconfigured().isEmpty()) {
            out.println("Answering but not in the configuration: " + String.join(", ", report.unconfigured()));
        }
        out.println(
                report.failures() == 0
                        ? (report.results().size() == 1
                                ? "The sensor is OK."
                                : "All " + report.results().size() + " sensors OK.")
                        : report.failures() + " of " + report.results().size() + " sensors failed.");
    }
}
