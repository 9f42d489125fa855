package de.dos2030.iot.collector.storage;

import de.dos2030.iot.collector.rollup.CellStats;
import de.dos2030.iot.collector.rollup.TierLayout;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.WireNames;
import de.dos2030.iot.model.validation.Problem;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The InfluxDB layout, in one place (collector/README.md documents it): which measurement, tags,
 * fields and timestamp each part of a batch becomes. Stateless and thread-safe.
 *
 * <p>Every point's series key and timestamp derive only from the batch, so a re-sent batch
 * writes exactly the same points again and InfluxDB overwrites them: storage is idempotent.
 */
public final class StorageLayout {
    public static final String ALERT_MEASUREMENT = "alert";
    public static final String HEALTH_MEASUREMENT = "gateway_health";
    public static final String QUARANTINE_MEASUREMENT = "quarantine";

    private StorageLayout() {}

    /**
     * The field a reading goes to: the quantity's field for a sample ({@code value}, {@code rms});
     * for a window statistic the statistic's name where the field is {@code value} ({@code mean},
     * {@code max}) and {@code <field>_<statistic>} otherwise ({@code rms_mean}).
     */
    public static String fieldOf(Quantity quantity, Statistic statistic) {
        if (statistic == Statistic.SAMPLE) {
            return quantity.field();
        }
        String stat = WireNames.of(statistic);
        return quantity.field().equals("value") ? stat : quantity.field() + "_" + stat;
    }

    /** A valid reading: measurement per quantity, tags gateway, quality, sensor, site, site_kind. */
    public static String reading(Batch batch, String siteKind, Reading r) {
        return tags(batch, siteKind, r)
                .field(fieldOf(r.quantity(), r.statistic()), r.value())
                .at(r.time().toEpochMilli());
    }

    /**
     * Lines for the valid readings of one batch, each exactly as {@link #reading} writes it, but
     * with measurement, escaped tags and field key built once per series instead of once per
     * reading (a batch holds its readings grouped by series, so that is a handful per batch).
     * One per batch; not thread-safe.
     */
    public static final class ReadingLines {
        /** A value of a few digits, the space, a millisecond timestamp and the newline. */
        private static final int VALUE_AND_TIME_CHARS = 26;

        private final Batch batch;
        private final String siteKind;
        private Reading previous;
        private String prefix;

        public ReadingLines(Batch batch, String siteKind) {
            this.batch = batch;
            this.siteKind = siteKind;
        }

        /** Adds the reading's line to {@code points}. */
        public void addTo(Points points, Reading r) {
            if (!Double.isFinite(r.value())) {
                points.add(reading(batch, siteKind, r)); // refused there with the reason, as before
                return;
            }
            if (previous == null || !previous.sameSeries(r) || previous.quality() != r.quality()) {
                prefix = tags(batch, siteKind, r).fieldPrefix(fieldOf(r.quantity(), r.statistic()));
                if (previous == null) { // the batch's lines are about this long: one buffer for all of them
                    points.reserve(batch.readings().size() * (prefix.length() + VALUE_AND_TIME_CHARS));
                }
            }
            previous = r;
            LineProtocol.appendDouble(points.nextLine().append(prefix), r.value())
                    .append(' ')
                    .append(r.time().toEpochMilli());
        }
    }

    private static LineProtocol tags(Batch batch, String siteKind, Reading r) {
        return LineProtocol.measurement(r.quantity().measurement())
                .tag("gateway", batch.gatewayId())
                .tag("quality", WireNames.of(r.quality()))
                .tag("sensor", r.sensorId())
                .tag("site", batch.siteId())
                .tag("site_kind", siteKind);
    }

    /**
     * A rollup tier's cell of one raw field ({@code rollup.TierLayout}): the raw measurement, tags
     * gateway, sensor, site, site_kind, stamped at the cell's start. Counts and times are integers,
     * the rest floats; min, max and last are left out of a cell without ok readings (InfluxDB has no
     * NaN), whose count is 0 and whose flagged count says what it saw.
     */
    public static String cell(
            String measurement,
            String gateway,
            String sensor,
            String site,
            String siteKind,
            String field,
            CellStats s,
            long cellStartMs) {
        return LineProtocol.measurement(measurement)
                .tag("gateway", gateway)
                .tag("sensor", sensor)
                .tag("site", site)
                .tag("site_kind", siteKind)
                .field(TierLayout.cellField(field, "_count"), s.count())
                .field(TierLayout.cellField(field, "_sum"), s.sum())
                .field(TierLayout.cellField(field, "_min"), s.min())
                .field(TierLayout.cellField(field, "_max"), s.max())
                .field(TierLayout.cellField(field, "_m2"), s.m2())
                .field(TierLayout.cellField(field, "_first_ms"), s.firstMs())
                .field(TierLayout.cellField(field, "_last_ms"), s.lastMs())
                .field(TierLayout.cellField(field, "_last"), s.last())
                .field(TierLayout.cellField(field, "_flagged"), s.flagged())
                .at(cellStartMs);
    }

    /** A valid alert event, at its own time. */
    public static String alert(Batch batch, String siteKind, AlertEvent a) {
        LineProtocol line = LineProtocol.measurement(ALERT_MEASUREMENT)
                .tag("alert_id", a.alertId())
                .tag("gateway", batch.gatewayId())
                .tag("rule", a.ruleId())
                .tag("sensor", a.sensorId())
                .tag("severity", WireNames.of(a.severity()))
                .tag("site", batch.siteId())
                .tag("site_kind", siteKind)
                .tag("state", WireNames.of(a.state()))
                .field("message", a.message())
                .field("quantity", a.quantity() == null ? null : a.quantity().wireName())
                .field("boot_id", batch.bootId())
                .field("sequence", batch.sequence());
        if (a.value() != null) {
            line.field("value", a.value());
        }
        if (a.limit() != null) {
            line.field("limit", a.limit());
        }
        return line.at(a.time().toEpochMilli());
    }

    /** The gateway's health, at the batch's creation time. */
    public static String health(Batch batch, String siteKind, GatewayHealth h) {
        LineProtocol line = LineProtocol.measurement(HEALTH_MEASUREMENT)
                .tag("gateway", batch.gatewayId())
                .tag("site", batch.siteId())
                .tag("site_kind", siteKind)
                .field("agent_version", h.agentVersion())
                .field("config_version", h.configVersion())
                .field("uptime_ms", millis(h.uptime()))
                .field("outbox_depth", h.outboxDepth())
                .field("outbox_bytes", h.outboxBytes())
                .field("oldest_unsent_ms", millis(h.oldestUnsentAge()))
                .field("dropped_readings", h.droppedReadings())
                .field("clock_sync", WireNames.of(h.clockSync()))
                .field("boot_id", batch.bootId())
                .field("sequence", batch.sequence());
        if (h.lastAck() != null) {
            line.field("last_ack_ms", h.lastAck().toEpochMilli());
        }
        if (h.clockOffset() != null) {
            line.field("clock_offset_ms", h.clockOffset().toMillis());
        }
        if (h.cpuTemperature() != null) {
            line.field("cpu_temperature", h.cpuTemperature());
        }
        return line.at(batch.createdAt().toEpochMilli());
    }

    /**
     * A reading the validator refused, kept for inspection. One point per refused item, keyed by
     * batch identity and item path so that a re-send overwrites it; stamped with the batch's
     * creation time because the reading's own time may be the thing that is wrong.
     */
    public static String quarantinedReading(
            Batch batch, String siteKind, String item, Reading r, List<Problem> problems) {
        LineProtocol line = quarantine(batch, siteKind, item, problems)
                .field("sensor", r.sensorId())
                .field("quantity", r.quantity() == null ? null : r.quantity().wireName())
                .field("statistic", r.statistic() == null ? null : WireNames.of(r.statistic()))
                .field("quality", r.quality() == null ? null : WireNames.of(r.quality()))
                .field("value_text", Double.toString(r.value()));
        if (r.time() != null) {
            line.field("time_ms", r.time().toEpochMilli());
        }
        return line.at(batch.createdAt().toEpochMilli());
    }

    /** An alert event the validator refused. */
    public static String quarantinedAlert(
            Batch batch, String siteKind, String item, AlertEvent a, List<Problem> problems) {
        LineProtocol line = quarantine(batch, siteKind, item, problems)
                .field("alert_id", a.alertId())
                .field("rule", a.ruleId())
                .field("sensor", a.sensorId())
                .field("message", a.message());
        if (a.time() != null) {
            line.field("time_ms", a.time().toEpochMilli());
        }
        return line.at(batch.createdAt().toEpochMilli());
    }

    private static LineProtocol quarantine(Batch batch, String siteKind, String item, List<Problem> problems) {
        return LineProtocol.measurement(QUARANTINE_MEASUREMENT)
                .tag("boot_id", batch.bootId())
                .tag("gateway", batch.gatewayId())
                .tag("item", item)
                .tag("sequence", Long.toString(batch.sequence()))
                .tag("site", batch.siteId())
                .tag("site_kind", siteKind)
                .field("path", problems.stream().map(Problem::path).distinct().collect(Collectors.joining(" ")))
                .field("reason", problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    }

    private static long millis(Duration d) {
        return d == null ? 0 : d.toMillis();
    }
}
