package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.edge.fleet.FleetChanges;
import de.dos2030.iot.edge.outbox.EntryKind;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxStats;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.PlaceReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Journals a health-only batch (topic {@code .../health}) with the outbox's counters, uptime, SoC
 * temperature, clock state, measured clock offset and the place the configuration describes (sent with
 * every report: a collector that restarted or joined learns it at the next one; it costs some hundred
 * bytes a health interval) and the latest remote changes (configuration, agent). Called on the health
 * interval by the agent's timer, and at once after a remote change.
 */
final class HealthReporter {
    static final Path CPU_TEMPERATURE = Path.of("/sys/class/thermal/thermal_zone0/temp");

    private final Outbox outbox;
    private final Clock clock;
    private final Instant started;
    private final String agentVersion;
    private final Supplier<String> configVersion;
    private final FleetChanges changes;
    private final LongSupplier otherDroppedReadings;
    private final ClockSyncProbe clockSync;
    private final Supplier<Optional<Duration>> clockOffset;
    private final Supplier<PlaceReport> place;

    HealthReporter(
            Outbox outbox,
            Clock clock,
            String agentVersion,
            Supplier<String> configVersion,
            LongSupplier otherDroppedReadings,
            ClockSyncProbe clockSync,
            Supplier<Optional<Duration>> clockOffset,
            Supplier<PlaceReport> place,
            FleetChanges changes) {
        this.place = place;
        this.changes = changes;
        this.outbox = outbox;
        this.clockSync = clockSync;
        this.clockOffset = clockOffset;
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
                        configVersion.get(),
                        Duration.between(started, now),
                        s.depth(),
                        s.diskBytes(),
                        oldest.isNegative() ? Duration.ZERO : oldest,
                        s.droppedReadings() + otherDroppedReadings.getAsLong(),
                        s.lastStoredAt(),
                        cpuTemperature(),
                        clockSync.current(),
                        clockOffset.get().orElse(null),
                        place.get())
                .withChanges(changes.latest());
    }

    void report() {
        ClockSync sync = clockSync.refresh();
        outbox.append(EntryKind.HEALTH, List.of(), List.of(), snapshot(), sync);
    }

    static Double cpuTemperature() {
        try {
            return Integer.parseInt(Files.readString(CPU_TEMPERATURE).trim()) / 1000.0;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
