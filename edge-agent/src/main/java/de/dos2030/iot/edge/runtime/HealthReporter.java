package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.edge.outbox.EntryKind;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxStats;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Journals a health-only batch (topic {@code .../health}) with the outbox's counters, uptime, SoC
 * temperature and clock state. Called on the health interval by the agent's timer.
 */
final class HealthReporter {
    static final Path CPU_TEMPERATURE = Path.of("/sys/class/thermal/thermal_zone0/temp");
    static final Path TIMESYNC_FLAG = Path.of("/run/systemd/timesync/synchronized");

    private final Outbox outbox;
    private final Clock clock;
    private final Instant started;
    private final String agentVersion;
    private final String configVersion;
    private final LongSupplier otherDroppedReadings;

    HealthReporter(
            Outbox outbox, Clock clock, String agentVersion, String configVersion, LongSupplier otherDroppedReadings) {
        this.outbox = outbox;
        this.clock = clock;
        this.started = clock.instant();
        this.agentVersion = agentVersion;
        this.configVersion = configVersion;
        this.otherDroppedReadings = otherDroppedReadings;
    }

    GatewayHealth snapshot() {
        OutboxStats s = outbox.stats();
        Instant now = clock.instant();
        Duration oldest = s.oldestCreatedAt() == null ? Duration.ZERO : Duration.between(s.oldestCreatedAt(), now);
        return new GatewayHealth(
                agentVersion,
                configVersion,
                Duration.between(started, now),
                s.depth(),
                s.diskBytes(),
                oldest.isNegative() ? Duration.ZERO : oldest,
                s.droppedReadings() + otherDroppedReadings.getAsLong(),
                s.lastStoredAt(),
                cpuTemperature(),
                clockSync());
    }

    void report() {
        outbox.append(EntryKind.HEALTH, List.of(), List.of(), snapshot(), clockSync());
    }

    /** SYNCED when systemd-timesyncd says so; UNKNOWN where there is no way to tell (not a Pi, no timesyncd). */
    static ClockSync clockSync() {
        return Files.exists(TIMESYNC_FLAG) ? ClockSync.SYNCED : ClockSync.UNKNOWN;
    }

    static Double cpuTemperature() {
        try {
            return Integer.parseInt(Files.readString(CPU_TEMPERATURE).trim()) / 1000.0;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
