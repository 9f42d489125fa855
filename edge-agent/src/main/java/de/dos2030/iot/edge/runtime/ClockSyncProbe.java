package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.model.ClockSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Whether the gateway's clock is synchronised, asked of whichever time daemon runs: chrony ({@code chronyc -c
 * tracking}: leap status "Normal" once synchronised), ntpd ({@code ntpq -c "rv 0 leap"}: leap 11 means not
 * synchronised) or systemd-timesyncd (its flag file). Raspberry Pi OS ships timesyncd; images built for
 * measurement often run chrony or ntpd instead. UNKNOWN where none of them answers.
 *
 * <p>Asking runs a process, so {@link #refresh()} runs on the health timer and {@link #current()}, which every
 * batch reads, returns the last answer. Thread-safe.
 */
public final class ClockSyncProbe {
    static final Path TIMESYNC_FLAG = Path.of("/run/systemd/timesync/synchronized");
    static final List<String> CHRONY = List.of("chronyc", "-c", "tracking");
    static final List<String> NTPD = List.of("ntpq", "-c", "rv 0 leap");

    /** Runs a command; empty when it is missing, fails or times out. */
    @FunctionalInterface
    public interface Commands {
        Optional<String> run(List<String> command);
    }

    private final Commands commands;
    private final Predicate<Path> exists;
    private volatile ClockSync current = ClockSync.UNKNOWN;

    public ClockSyncProbe(Commands commands, Predicate<Path> exists) {
        this.commands = commands;
        this.exists = exists;
    }

    /** Asks this machine's time daemons through real processes. */
    public static ClockSyncProbe ofThisMachine() {
        return new ClockSyncProbe(ClockSyncProbe::runProcess, Files::exists);
    }

    /** The state found by the last {@link #refresh()}. */
    public ClockSync current() {
        return current;
    }

    /** Asks the daemons again; returns and keeps what they say. */
    public ClockSync refresh() {
        current = commands.run(CHRONY)
                .flatMap(ClockSyncProbe::chrony)
                .or(() -> commands.run(NTPD).flatMap(ClockSyncProbe::ntpd))
                .orElseGet(() -> exists.test(TIMESYNC_FLAG) ? ClockSync.SYNCED : ClockSync.UNKNOWN);
        return current;
    }

    /** {@code chronyc -c tracking}: comma-separated, the leap status last ("Normal", "Not synchronised", ...). */
    static Optional<ClockSync> chrony(String output) {
        String[] fields = output.trim().split(",");
        if (fields.length < 14) {
            return Optional.empty(); // "506 Cannot talk to daemon" and the like: chronyd is not running
        }
        String leap = fields[fields.length - 1].trim();
        return Optional.of(leap.equals("Not synchronised") ? ClockSync.UNSYNCED : ClockSync.SYNCED);
    }

    /** {@code ntpq -c "rv 0 leap"}: {@code leap=00} (or 01, 10: a leap second announced) synced, {@code leap=11} not. */
    static Optional<ClockSync> ntpd(String output) {
        int at = output.indexOf("leap=");
        if (at < 0 || output.length() < at + 7) {
            return Optional.empty();
        }
        String leap = output.substring(at + 5, at + 7);
        if (!leap.matches("[01]{2}")) {
            return Optional.empty();
        }
        return Optional.of(leap.equals("11") ? ClockSync.UNSYNCED : ClockSync.SYNCED);
    }

    private static Optional<String> runProcess(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
