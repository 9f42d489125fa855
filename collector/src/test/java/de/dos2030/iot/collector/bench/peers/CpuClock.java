package de.dos2030.iot.collector.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time (user + system) of the processes the benchmark watches, from {@code /proc/<pid>/stat}:
 * the contender, Mosquitto, InfluxDB, and this generator. Names and pids come from
 * {@code PEERS_PIDS="contender=123 mosquitto=456 influxd=789"}.
 */
final class CpuClock {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux we run on

    private final Map<String, Long> pids = new LinkedHashMap<>();

    CpuClock(String spec) {
        for (String entry : spec.trim().split("\\s+")) {
            String[] kv = entry.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("PEERS_PIDS entry '" + entry + "' is not name=pid");
            }
            pids.put(kv[0], Long.parseLong(kv[1]));
        }
        pids.put("generator", ProcessHandle.current().pid());
    }

    /** CPU seconds so far, by process name, in the order given. */
    Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out.put(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND);
            } catch (IOException e) {
                throw new IllegalStateException("process " + name + " (pid " + pid + ") is gone: " + e.getMessage(), e);
            }
        });
        return out;
    }

    /** {@code after - before}, by process name. */
    static Map<String, Double> used(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((name, s) -> out.put(name, s - before.getOrDefault(name, s)));
        return out;
    }
}
