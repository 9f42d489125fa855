package de.dos2030.iot.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * How a gateway is doing, reported with a batch every health interval.
 *
 * @param agentVersion       version of the edge agent
 * @param configVersion      version (hash or label) of the gateway's configuration file
 * @param uptime             time since the agent started
 * @param outboxDepth        batches waiting in the outbox
 * @param outboxBytes        bytes the outbox journal holds
 * @param oldestUnsentAge    age of the oldest unacknowledged batch; zero when the outbox is empty
 * @param droppedReadings    readings lost since start (evicted from a full outbox, rejected)
 * @param lastAck            when the collector last confirmed a batch; {@code null} if never
 * @param cpuTemperature     SoC temperature in degC; {@code null} where unknown
 * @param clockSync          state of the gateway clock
 * @param clockOffset        gateway clock minus collector clock, measured NTP-style from the collector's "stored"
 *                           answers; {@code null} until measured
 * @param place              the place the gateway's configuration describes; {@code null} when not sent (agents
 *                           before places, or a configuration without a site name)
 * @param changes            the latest remote change per kind (configuration, agent) and where it stands; empty
 *                           when the gateway has had none since it started
 */
public record GatewayHealth(
        String agentVersion,
        String configVersion,
        Duration uptime,
        long outboxDepth,
        long outboxBytes,
        Duration oldestUnsentAge,
        long droppedReadings,
        Instant lastAck,
        Double cpuTemperature,
        ClockSync clockSync,
        Duration clockOffset,
        PlaceReport place,
        List<FleetChange> changes) {

    /** Times are held at millisecond resolution, as both codecs carry them. */
    public GatewayHealth {
        changes = changes == null ? List.of() : List.copyOf(changes);
        uptime = uptime == null ? null : uptime.truncatedTo(ChronoUnit.MILLIS);
        clockOffset = clockOffset == null ? null : clockOffset.truncatedTo(ChronoUnit.MILLIS);
        oldestUnsentAge = oldestUnsentAge == null ? null : oldestUnsentAge.truncatedTo(ChronoUnit.MILLIS);
        lastAck = lastAck == null ? null : lastAck.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Health without remote changes (as agents before fleet management sent it). */
    public GatewayHealth(
            String agentVersion,
            String configVersion,
            Duration uptime,
            long outboxDepth,
            long outboxBytes,
            Duration oldestUnsentAge,
            long droppedReadings,
            Instant lastAck,
            Double cpuTemperature,
            ClockSync clockSync,
            Duration clockOffset,
            PlaceReport place) {
        this(
                agentVersion,
                configVersion,
                uptime,
                outboxDepth,
                outboxBytes,
                oldestUnsentAge,
                droppedReadings,
                lastAck,
                cpuTemperature,
                clockSync,
                clockOffset,
                place,
                List.of());
    }

    /** Health without a place description (as agents before places sent it). */
    public GatewayHealth(
            String agentVersion,
            String configVersion,
            Duration uptime,
            long outboxDepth,
            long outboxBytes,
            Duration oldestUnsentAge,
            long droppedReadings,
            Instant lastAck,
            Double cpuTemperature,
            ClockSync clockSync,
            Duration clockOffset) {
        this(
                agentVersion,
                configVersion,
                uptime,
                outboxDepth,
                outboxBytes,
                oldestUnsentAge,
                droppedReadings,
                lastAck,
                cpuTemperature,
                clockSync,
                clockOffset,
                null);
    }

    /** This health with a place description. */
    public GatewayHealth withPlace(PlaceReport newPlace) {
        return new GatewayHealth(
                agentVersion,
                configVersion,
                uptime,
                outboxDepth,
                outboxBytes,
                oldestUnsentAge,
                droppedReadings,
                lastAck,
                cpuTemperature,
                clockSync,
                clockOffset,
                newPlace,
                changes);
    }

    /** This health with the latest remote changes. */
    public GatewayHealth withChanges(List<FleetChange> newChanges) {
        return new GatewayHealth(
                agentVersion,
                configVersion,
                uptime,
                outboxDepth,
                outboxBytes,
                oldestUnsentAge,
                droppedReadings,
                lastAck,
                cpuTemperature,
                clockSync,
                clockOffset,
                place,
                newChanges);
    }

    /** Health of a gateway whose clock offset is not measured (yet). */
    public GatewayHealth(
            String agentVersion,
            String configVersion,
            Duration uptime,
            long outboxDepth,
            long outboxBytes,
            Duration oldestUnsentAge,
            long droppedReadings,
            Instant lastAck,
            Double cpuTemperature,
            ClockSync clockSync) {
        this(
                agentVersion,
                configVersion,
                uptime,
                outboxDepth,
                outboxBytes,
                oldestUnsentAge,
                droppedReadings,
                lastAck,
                cpuTemperature,
                clockSync,
                (Duration) null);
    }
}
