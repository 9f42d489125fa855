package de.dos2030.iot.model.validation;

import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.FleetChange;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.RawCapture;
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
    /** Raw values in one capture: 2 minutes at 800 Hz, three axes' worth (288 000, 1.1 MiB as CBOR floats). */
    public static final int MAX_CAPTURE_VALUES = 120 * 800 * 3;
    /** A gateway sends each capture in a batch of its own; a few leave room for a later change of mind. */
    public static final int MAX_CAPTURES = 16;
    /** The fastest sample rate of a chip we drive (ADXL355: 4 kHz). */
    public static final double MAX_CAPTURE_RATE_HZ = 4_000;
    /** Nothing in this system was measured before 2020. */
    public static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");
    /** Gateway clocks drift; more than this ahead of ours is a broken clock. */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);
    /**
     * No duration a gateway reports (uptime, ages, clock offset) comes near a century; longer ones are forged or
     * corrupt, and would overflow millisecond arithmetic downstream.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(36_525);

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
            envelope.add(
                    "formatVersion",
                    "unsupported version " + batch.formatVersion() + " (allowed: " + Batch.FORMAT_VERSION + ")");
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
        // A bad capture fails the whole batch: it travels alone, and half a capture is no evidence.
        if (batch.captures().size() > MAX_CAPTURES) {
            envelope.add("captures", batch.captures().size() + " captures, at most " + MAX_CAPTURES + " allowed");
        }
        for (int i = 0; i < batch.captures().size(); i++) {
            Problems p = new Problems("captures", i);
            checkCapture(p, batch.captures().get(i), latest);
            envelope.list.addAll(p.list);
        }
        boolean envelopeValid = envelope.list.isEmpty();

        List<Problem> all = new ArrayList<>(envelope.list);
        Map<Integer, List<Problem>> badReadings = new HashMap<>();
        Set<String> goodSensorIds = new HashSet<>();
        // A batch holds its readings in canonical order (each series together, readings without a time
        // first, then times ascending), so a duplicate's earlier twin is the last good reading before it:
        // no set of every reading needed.
        Reading lastGood = null;
        for (int i = 0; i < batch.readings().size(); i++) {
            Problems p = new Problems("readings", i);
            Reading r = batch.readings().get(i);
            checkReading(p, r, latest, goodSensorIds);
            if (p.list.isEmpty()) {
                if (lastGood != null
                        && lastGood.sameSeries(r)
                        && lastGood.time().equals(r.time())) {
                    p.add("", "duplicate of an earlier reading (same sensor, quantity, statistic and time)");
                } else {
                    lastGood = r;
                }
            }
            if (!p.list.isEmpty()) {
                badReadings.put(i, List.copyOf(p.list));
                all.addAll(p.list);
            }
        }
        Map<Integer, List<Problem>> badAlerts = new HashMap<>();
        for (int i = 0; i < batch.alerts().size(); i++) {
            Problems p = new Problems("alerts", i);
            checkAlert(p, batch.alerts().get(i), latest);
            if (!p.list.isEmpty()) {
                badAlerts.put(i, List.copyOf(p.list));
                all.addAll(p.list);
            }
        }
        return new ValidationReport(batch, all, envelopeValid, badReadings, badAlerts);
    }

    private static void checkReading(Problems p, Reading r, Instant latest, Set<String> goodSensorIds) {
        if (!goodSensorIds.contains(r.sensorId())) { // a batch repeats a few ids many times: check each once
            int before = p.list.size();
            p.id("sensorId", r.sensorId());
            if (p.list.size() == before) {
                goodSensorIds.add(r.sensorId());
            }
        }
        p.required("quantity", r.quantity());
        p.required("statistic", r.statistic());
        p.required("quality", r.quality());
        p.time("time", r.time(), latest);
        p.finite("value", r.value());
        if (r.quantity() != null && Double.isFinite(r.value()) && !r.quantity().isPlausible(r.value())) {
            p.add(
                    "value",
                    r.value() + " " + r.quantity().unit() + " is outside the plausible range of "
                            + r.quantity().wireName() + " (allowed: "
                            + r.quantity().min() + " to " + r.quantity().max() + ")");
        }
    }

    private static void checkAlert(Problems p, AlertEvent a, Instant latest) {
        p.id("alertId", a.alertId());
        p.id("ruleId", a.ruleId());
        p.id("sensorId", a.sensorId());
        p.required("severity", a.severity());
        p.required("state", a.state());
        p.time("time", a.time(), latest);
        if (a.value() != null) {
            p.finite("value", a.value());
        }
        if (a.limit() != null) {
            p.finite("limit", a.limit());
        }
        if (a.message().length() > MAX_MESSAGE_LENGTH) {
            p.add("message", "longer than " + MAX_MESSAGE_LENGTH + " characters");
        }
    }

    private static void checkCapture(Problems p, RawCapture c, Instant latest) {
        p.id("alertId", c.alertId());
        p.id("sensorId", c.sensorId());
        if (c.quantity() == null) {
            p.add("quantity", "is missing");
        } else if (!RawCapture.QUANTITIES.contains(c.quantity())) {
            p.add("quantity", "'" + c.quantity().wireName() + "' is not captured raw (allowed: acceleration, strain)");
        }
        p.time("firstSampleTime", c.firstSampleTime(), latest);
        p.time("triggerTime", c.triggerTime(), latest);
        double rate = c.sampleRateHz();
        if (!(rate > 0 && rate <= MAX_CAPTURE_RATE_HZ)) {
            p.add("sampleRateHz", rate + " Hz is outside 0 (exclusive) to " + MAX_CAPTURE_RATE_HZ + " Hz");
        }
        if (c.size() == 0 || c.size() > MAX_CAPTURE_VALUES) {
            p.add("values", c.size() + " values, 1 to " + MAX_CAPTURE_VALUES + " allowed");
        }
        if (RawCapture.QUANTITIES.contains(c.quantity())) {
            for (int i = 0; i < c.size(); i++) {
                float v = c.value(i);
                if (!Float.isNaN(v) && !c.quantity().isPlausible(v)) { // NaN marks an unusable sample
                    p.add(
                            "values[" + i + "]",
                            v + " " + c.quantity().unit() + " is outside the plausible range of "
                                    + c.quantity().wireName() + " (allowed: "
                                    + c.quantity().min() + " to "
                                    + c.quantity().max() + ", or null for an unusable sample)");
                    break; // one is enough: a broken capture could hold 288 000 of them
                }
            }
        }
        if (p.list.isEmpty() && c.triggerTime().isBefore(c.firstSampleTime())) {
            p.add("triggerTime", c.triggerTime() + " is before the first sample " + c.firstSampleTime());
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
        if (h.clockOffset() != null) {
            p.bounded("health.clockOffset", h.clockOffset());
        }
        if (h.place() != null) {
            p.list.addAll(PlaceRules.problems("health.place", h.place()));
        }
        if (h.changes().size() > FleetChange.Kind.values().length) {
            p.add("health.changes", h.changes().size() + " changes; one per kind (config, agent) is the most");
        }
        for (int i = 0; i < h.changes().size() && i < FleetChange.Kind.values().length; i++) {
            FleetChange c = h.changes().get(i);
            String at = "health.changes[" + i + "].";
            p.required(at + "kind", c.kind());
            p.text(at + "version", c.version());
            p.required(at + "outcome", c.outcome());
            p.time(at + "at", c.at(), latest);
        }
    }

    /**
     * Collects the problems of the envelope or of one item ({@code readings[17]}); one small method
     * per kind of check keeps the messages uniform. Paths are built only when a problem is found:
     * a valid reading costs no string work.
     */
    private static final class Problems {
        final List<Problem> list = new ArrayList<>(0);
        private final String collection;
        private final int index;

        Problems() {
            this(null, -1);
        }

        Problems(String collection, int index) {
            this.collection = collection;
            this.index = index;
        }

        void add(String field, String message) {
            list.add(new Problem(path(field), message));
        }

        private String path(String field) {
            if (collection == null) {
                return field;
            }
            String item = collection + "[" + index + "]";
            return field.isEmpty() ? item : item + "." + field;
        }

        void required(String field, Object value) {
            if (value == null) {
                add(field, "is missing");
            }
        }

        void id(String field, String id) {
            if (id == null) {
                add(field, "is missing");
            } else if (id.isEmpty()) {
                add(field, "must not be empty");
            } else if (id.length() > MAX_ID_LENGTH) {
                add(field, "is " + id.length() + " characters long, at most " + MAX_ID_LENGTH + " allowed");
            } else if (!ID_PATTERN.matcher(id).matches()) {
                add(
                        field,
                        "'" + id
                                + "' has characters outside A-Z a-z 0-9 . _ - (or does not start with a letter or digit)");
            }
        }

        void text(String field, String text) {
            if (text == null) {
                add(field, "is missing");
            } else if (text.isEmpty() || text.length() > MAX_ID_LENGTH) {
                add(field, "must be 1 to " + MAX_ID_LENGTH + " characters");
            }
        }

        void time(String field, Instant time, Instant latest) {
            if (time == null) {
                add(field, "is missing");
            } else if (time.isBefore(EARLIEST)) {
                add(field, time + " is before " + EARLIEST + ": check the gateway clock");
            } else if (time.isAfter(latest)) {
                add(
                        field,
                        time + " is more than " + MAX_CLOCK_AHEAD.toMinutes()
                                + " minutes in the future: check the gateway clock");
            }
        }

        void finite(String field, double value) {
            if (Double.isNaN(value)) {
                add(field, "NaN is not allowed");
            } else if (Double.isInfinite(value)) {
                add(field, "infinity is not allowed");
            }
        }

        void nonNegative(String field, long value) {
            if (value < 0) {
                add(field, "must be >= 0, was " + value);
            }
        }

        void nonNegative(String field, Duration value) {
            if (value == null) {
                add(field, "is missing");
            } else if (value.isNegative()) {
                add(field, "must not be negative, was " + value);
            } else {
                bounded(field, value);
            }
        }

        void bounded(String field, Duration value) {
            if (value.abs().compareTo(MAX_DURATION) > 0) {
                add(field, value + " is longer than " + MAX_DURATION.toDays() + " days");
            }
        }
    }
}
