package de.dos2030.iot.model.validation;

import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.Reading;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a batch must meet, the same on the gateway (before it journals a batch) and on the
 * collector (before it stores one). Reports every problem with the path to its field, never
 * just the first. Thread-safe; the clock decides what "in the future" means.
 */
public final class Validator {
    /** Ids go into MQTT topics, InfluxDB tags and file names: a safe alphabet, bounded length. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_MESSAGE_LENGTH = 500;
    /** More readings than this in one batch is a runaway sender, not a batch. */
    public static final int MAX_READINGS = 100_000;
    public static final int MAX_ALERTS = 10_000;
    /** Nothing in this system was measured before 2020. */
    public static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");
    /** Gateway clocks drift; more than this ahead of ours is a broken clock. */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private final Clock clock;

    public Validator(Clock clock) {
        this.clock = clock;
    }

    public Validator() {
        this(Clock.systemUTC());
    }

    public ValidationReport validate(Batch batch) {
        Instant latest = clock.instant().plus(MAX_CLOCK_AHEAD);
        Problems envelope = new Problems();
        if (batch.formatVersion() != Batch.FORMAT_VERSION) {
            envelope.add("formatVersion", "unsupported version " + batch.formatVersion()
                    + " (allowed: " + Batch.FORMAT_VERSION + ")");
        }
        envelope.id("gatewayId", batch.gatewayId());
        envelope.id("siteId", batch.siteId());
        envelope.id("bootId", batch.bootId());
        if (batch.sequence() < 0) {
            envelope.add("sequence", "must be >= 0, was " + batch.sequence());
        }
        envelope.time("createdAt", batch.createdAt(), latest);
        envelope.required("clockSync", batch.clockSync());
        if (batch.readings().size() > MAX_READINGS) {
            envelope.add("readings", batch.readings().size() + " readings, at most " + MAX_READINGS + " allowed");
        }
        if (batch.alerts().size() > MAX_ALERTS) {
            envelope.add("alerts", batch.alerts().size() + " alerts, at most " + MAX_ALERTS + " allowed");
        }
        if (batch.health() != null) {
            checkHealth(envelope, batch.health(), latest);
        }
        boolean envelopeValid = envelope.list.isEmpty();

        List<Problem> all = new ArrayList<>(envelope.list);
        Map<Integer, List<Problem>> badReadings = new HashMap<>();
        Set<SeriesPoint> seen = new HashSet<>(batch.readings().size() * 2);
        for (int i = 0; i < batch.readings().size(); i++) {
            Problems p = new Problems();
            Reading r = batch.readings().get(i);
            checkReading(p, "readings[" + i + "]", r, latest);
            if (p.list.isEmpty() && !seen.add(new SeriesPoint(r))) {
                p.add("readings[" + i + "]", "duplicate of an earlier reading (same sensor, quantity, statistic and time)");
            }
            if (!p.list.isEmpty()) {
                badReadings.put(i, List.copyOf(p.list));
                all.addAll(p.list);
            }
        }
        Map<Integer, List<Problem>> badAlerts = new HashMap<>();
        for (int i = 0; i < batch.alerts().size(); i++) {
            Problems p = new Problems();
            checkAlert(p, "alerts[" + i + "]", batch.alerts().get(i), latest);
            if (!p.list.isEmpty()) {
                badAlerts.put(i, List.copyOf(p.list));
                all.addAll(p.list);
            }
        }
        return new ValidationReport(batch, all, envelopeValid, badReadings, badAlerts);
    }

    private static void checkReading(Problems p, String at, Reading r, Instant latest) {
        p.id(at + ".sensorId", r.sensorId());
        p.required(at + ".quantity", r.quantity());
        p.required(at + ".statistic", r.statistic());
        p.required(at + ".quality", r.quality());
        p.time(at + ".time", r.time(), latest);
        p.finite(at + ".value", r.value());
        if (r.quantity() != null && Double.isFinite(r.value()) && !r.quantity().isPlausible(r.value())) {
            p.add(at + ".value", r.value() + " " + r.quantity().unit() + " is outside the plausible range of "
                    + r.quantity().wireName() + " (allowed: " + r.quantity().min() + " to " + r.quantity().max() + ")");
        }
    }

    private static void checkAlert(Problems p, String at, AlertEvent a, Instant latest) {
        p.id(at + ".alertId", a.alertId());
        p.id(at + ".ruleId", a.ruleId());
        p.id(at + ".sensorId", a.sensorId());
        p.required(at + ".severity", a.severity());
        p.required(at + ".state", a.state());
        p.time(at + ".time", a.time(), latest);
        if (a.value() != null) {
            p.finite(at + ".value", a.value());
        }
        if (a.limit() != null) {
            p.finite(at + ".limit", a.limit());
        }
        if (a.message().length() > MAX_MESSAGE_LENGTH) {
            p.add(at + ".message", "longer than " + MAX_MESSAGE_LENGTH + " characters");
        }
    }

    private static void checkHealth(Problems p, GatewayHealth h, Instant latest) {
        p.text("health.agentVersion", h.agentVersion());
        p.text("health.configVersion", h.configVersion());
        p.nonNegative("health.uptime", h.uptime());
        p.nonNegative("health.oldestUnsentAge", h.oldestUnsentAge());
        p.nonNegative("health.outboxDepth", h.outboxDepth());
        p.nonNegative("health.outboxBytes", h.outboxBytes());
        p.nonNegative("health.droppedReadings", h.droppedReadings());
        if (h.lastAck() != null) {
            p.time("health.lastAck", h.lastAck(), latest);
        }
        if (h.cpuTemperature() != null) {
            p.finite("health.cpuTemperature", h.cpuTemperature());
        }
        p.required("health.clockSync", h.clockSync());
    }

    /** Identity of a reading for duplicate detection. */
    private record SeriesPoint(String sensorId, Object quantity, Object statistic, Instant time) {
        SeriesPoint(Reading r) {
            this(r.sensorId(), r.quantity(), r.statistic(), r.time());
        }
    }

    /** Collects problems; one small method per kind of check keeps the messages uniform. */
    private static final class Problems {
        final List<Problem> list = new ArrayList<>();

        void add(String path, String message) {
            list.add(new Problem(path, message));
        }

        void required(String path, Object value) {
            if (value == null) {
                add(path, "is missing");
            }
        }

        void id(String path, String id) {
            if (id == null) {
                add(path, "is missing");
            } else if (id.isEmpty()) {
                add(path, "must not be empty");
            } else if (id.length() > MAX_ID_LENGTH) {
                add(path, "is " + id.length() + " characters long, at most " + MAX_ID_LENGTH + " allowed");
            } else if (!ID_PATTERN.matcher(id).matches()) {
                add(path, "'" + id + "' has characters outside A-Z a-z 0-9 . _ - (or does not start with a letter or digit)");
            }
        }

        void text(String path, String text) {
            if (text == null) {
                add(path, "is missing");
            } else if (text.isEmpty() || text.length() > MAX_ID_LENGTH) {
                add(path, "must be 1 to " + MAX_ID_LENGTH + " characters");
            }
        }

        void time(String path, Instant time, Instant latest) {
            if (time == null) {
                add(path, "is missing");
            } else if (time.isBefore(EARLIEST)) {
                add(path, time + " is before " + EARLIEST + ": check the gateway clock");
            } else if (time.isAfter(latest)) {
                add(path, time + " is more than " + MAX_CLOCK_AHEAD.toMinutes()
                        + " minutes in the future: check the gateway clock");
            }
        }

        void finite(String path, double value) {
            if (Double.isNaN(value)) {
                add(path, "NaN is not allowed");
            } else if (Double.isInfinite(value)) {
                add(path, "infinity is not allowed");
            }
        }

        void nonNegative(String path, long value) {
            if (value < 0) {
                add(path, "must be >= 0, was " + value);
            }
        }

        void nonNegative(String path, Duration value) {
            if (value == null) {
                add(path, "is missing");
            } else if (value.isNegative()) {
                add(path, "must not be negative, was " + value);
            }
        }
    }
}
