package de.dos2030.iot.collector.bench.peers;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Prints the peers benchmark's table from the results {@link PeersBench} wrote: both phases side
 * by side, the ratios, and whether the targets hold. Usage: PeersTable resultsFile contender...
 * (the first contender is ours, the others are compared with it).
 */
public final class PeersTable {
    private static final List<String> PROCESSES = List.of("contender", "mosquitto", "influxd");

    private final Properties r = new Properties();

    private PeersTable(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            r.load(in);
        }
    }

    public static void main(String[] a) throws Exception {
        PeersTable t = new PeersTable(Path.of(a[0]));
        List<String> contenders = List.of(a).subList(1, a.length);
        System.out.println();
        System.out.println(
                "| phase | contender | offered | stored | lost | stored readings/s in the phase | readings/s until the "
                        + "last was stored | CPU us per stored reading: contender / Mosquitto / InfluxDB = sum "
                        + "| series complete |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---|---:|");
        for (String phase : List.of("paced", "overld")) {
            for (String c : contenders) {
                t.row(c, phase);
            }
        }
        String ours = contenders.get(0);
        System.out.println();
        for (String peer : contenders.subList(1, contenders.size())) {
            t.ratios(ours, peer);
        }
    }

    private double get(String c, String phase, String key) {
        String v = r.getProperty(c + "." + phase + "." + key);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    private double rate(String c, String phase) {
        return phase.equals("paced")
                ? get(c, phase, "stored") / get(c, phase, "seconds")
                : get(c, phase, "storedInTime") / get(c, phase, "seconds");
    }

    /** Everything stored over the time until the last reading was: the overload's backlog counted too. */
    private double rateUntilLast(String c, String phase) {
        return phase.equals("paced")
                ? rate(c, phase)
                : get(c, phase, "stored") / (get(c, phase, "seconds") + get(c, phase, "afterSeconds"));
    }

    /** CPU microseconds per reading stored in the phase's measured time, for one process. */
    private double cpuPerReading(String c, String phase, String process) {
        double stored = phase.equals("paced") ? get(c, phase, "stored") : get(c, phase, "storedInTime");
        return get(c, phase, "cpu." + process) / stored * 1e6;
    }

    private double cpuSum(String c, String phase) {
        return PROCESSES.stream().mapToDouble(p -> cpuPerReading(c, phase, p)).sum();
    }

    private void row(String c, String phase) {
        if (Double.isNaN(get(c, phase, "offered"))) {
            System.out.printf(
                    "| %s | %s | (no result) | | | | | | |%n", phase.equals("paced") ? "paced" : "overload", c);
            return;
        }
        long offered = (long) get(c, phase, "offered");
        long stored = (long) get(c, phase, "stored");
        String cpu = String.format(
                Locale.ROOT,
                "%.2f / %.2f / %.2f = **%.2f**",
                cpuPerReading(c, phase, "contender"),
                cpuPerReading(c, phase, "mosquitto"),
                cpuPerReading(c, phase, "influxd"),
                cpuSum(c, phase));
        String storedCell = phase.equals("paced")
                ? String.format(Locale.ROOT, "%,d", stored)
                : String.format(
                        Locale.ROOT,
                        "%,d (%,d in the %.0f s)",
                        stored,
                        (long) get(c, phase, "storedInTime"),
                        get(c, phase, "seconds"));
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %,d | %s | %,d (%.1f %%) | %,.0f | %,.0f | %s | %d of %d |%n",
                phase.equals("paced") ? "paced" : "overload",
                c,
                offered,
                storedCell,
                offered - stored,
                100.0 * (offered - stored) / offered,
                rate(c, phase),
                rateUntilLast(c, phase),
                cpu,
                (long) get(c, phase, "seriesComplete"),
                (long) get(c, phase, "series"));
    }

    private void ratios(String ours, String peer) {
        double pacedCpu = cpuPerReading(peer, "paced", "contender") / cpuPerReading(ours, "paced", "contender");
        double pacedSum = cpuSum(peer, "paced") / cpuSum(ours, "paced");
        double maxRate = rate(ours, "overld") / rate(peer, "overld");
        double untilLast = rateUntilLast(ours, "overld") / rateUntilLast(peer, "overld");
        long pacedLostOurs = (long) (get(ours, "paced", "offered") - get(ours, "paced", "stored"));
        long pacedLostPeer = (long) (get(peer, "paced", "offered") - get(peer, "paced", "stored"));
        long overLostOurs = (long) (get(ours, "overld", "offered") - get(ours, "overld", "stored"));
        long overLostPeer = (long) (get(peer, "overld", "offered") - get(peer, "overld", "stored"));
        System.out.printf(
                Locale.ROOT,
                "%s vs %s: paced phase (same offered rate, so the same stored rate): %s spends %.1fx the CPU per stored "
                        + "reading in its own process, %.1fx counting Mosquitto and InfluxDB; lost %d vs %d.%n",
                ours,
                peer,
                peer,
                pacedCpu,
                pacedSum,
                pacedLostOurs,
                pacedLostPeer);
        System.out.printf(
                Locale.ROOT,
                "%s vs %s: overload phase: stored rate %.2fx in the phase's time (%,.0f vs %,.0f readings/s), %.2fx until the "
                        + "last was stored (%,.0f vs %,.0f); lost %d (%.1f %%) vs %d (%.1f %%).%n",
                ours,
                peer,
                maxRate,
                rate(ours, "overld"),
                rate(peer, "overld"),
                untilLast,
                rateUntilLast(ours, "overld"),
                rateUntilLast(peer, "overld"),
                overLostOurs,
                100.0 * overLostOurs / get(ours, "overld", "offered"),
                overLostPeer,
                100.0 * overLostPeer / get(peer, "overld", "offered"));
        // The paced phase offers both the same rate, so its stored rates are equal by design: the "2x" is
        // judged on the sustained rate (until the last was stored, which does not count the flood's cost
        // against the peer), at zero loss when paced.
        boolean pacedTarget = pacedLostOurs == 0 && pacedLostPeer == 0 && untilLast >= 2;
        System.out.printf(
                Locale.ROOT,
                "targets: %s sustains at least 2x %s's rate, both losing nothing when paced: %s; %s loses nothing in the "
                        + "overload: %s%n",
                ours,
                peer,
                pacedTarget ? "MET" : "NOT MET",
                ours,
                overLostOurs == 0 ? "MET" : "NOT MET");
    }
}
