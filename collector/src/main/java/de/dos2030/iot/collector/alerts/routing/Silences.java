package de.dos2030.iot.collector.alerts.routing;

import de.dos2030.iot.collector.alerts.AlertStore;
import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ConflictException;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Creating, listing and ending maintenance silences; what they held back. Checks every field. Thread-safe. */
@Singleton
public class Silences {
    /** A silence longer than this is a forgotten one: maintenance is planned in days, not months. */
    static final Duration MAX_LENGTH = Duration.ofDays(90);

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SilenceStore store;
    private final AlertStore alerts;
    private final Clock clock;

    public Silences(SilenceStore store, AlertStore alerts, Clock clock) {
        this.store = store;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * A silence as asked for: {@code scope} site, gateway or sensor with the ids it needs; it ends at
     * {@code endsAt} or after {@code duration} (ISO-8601, e.g. PT4H), one of the two.
     */
    @Serdeable
    public record SilenceRequest(
            @Nullable String scope,
            @Nullable String siteId,
            @Nullable String gatewayId,
            @Nullable String sensorId,
            @Nullable String reason,
            @Nullable Instant endsAt,
            @Nullable String duration) {}

    /** A silenced step and the silence that held it back. */
    @Serdeable
    public record SilencedStep(String silenceId, de.dos2030.iot.collector.alerts.AlertNotification step) {}

    /** @throws BadRequestException naming the field that is wrong */
    public Silence create(Caller caller, SilenceRequest r) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Silence.Scope scope = scope(r.scope());
        String site = null;
        String gateway = null;
        String sensor = null;
        switch (scope) {
            case SITE -> site = IdParameter.require("siteId", required("siteId", r.siteId()));
            case GATEWAY -> gateway = IdParameter.require("gatewayId", required("gatewayId", r.gatewayId()));
            case SENSOR -> {
                gateway = IdParameter.require("gatewayId", required("gatewayId", r.gatewayId()));
                sensor = IdParameter.require("sensorId", required("sensorId", r.sensorId()));
            }
        }
        String reason = required("reason", r.reason()).trim();
        if (reason.isEmpty() || reason.length() > 500) {
            throw new BadRequestException("reason must be 1 to 500 characters");
        }
        Instant ends = ends(r, now);
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        Silence s = new Silence(
                "sil-" + HexFormat.of().formatHex(id),
                scope.wireName(),
                site,
                gateway,
                sensor,
                reason,
                caller.subject(),
                now,
                ends,
                null,
                null,
                true);
        store.insert(s);
        return s;
    }

    public List<Silence> list(boolean activeOnly) {
        return store.list(activeOnly, clock.instant(), 1000);
    }

    /** @throws NotFoundException when there is no such silence */
    public Silence get(String id) {
        return store.find(id, clock.instant()).orElseThrow(() -> new NotFoundException("no silence '" + id + "'"));
    }

    /**
     * Ends an active silence now: delivery and the liveness rules resume for its scope.
     *
     * @throws NotFoundException when there is no such silence
     * @throws ConflictException when it is over already
     */
    public Silence end(Caller caller, String id) {
        Silence s = get(id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!store.end(id, caller.subject(), now)) {
            throw new ConflictException("silence '" + id + "' is over already (ended "
                    + (s.endedAt() != null ? s.endedAt() + " by " + s.endedBy() : "by itself at " + s.endsAt()) + ")");
        }
        return get(id);
    }

    /** Steps recorded as silenced, newest first; of one silence or of all. */
    public List<SilencedStep> silenced(@Nullable String silenceId, int limit) {
        List<SilencedStep> out = new ArrayList<>();
        for (SilenceStore.Silenced s : store.silenced(silenceId, Math.max(1, Math.min(limit, 1000)))) {
            alerts.notification(s.eventId()).ifPresent(n -> out.add(new SilencedStep(s.silenceId(), n)));
        }
        return out;
    }

    private static Silence.Scope scope(@Nullable String text) {
        for (Silence.Scope s : Silence.Scope.values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw new BadRequestException("scope '" + text + "' is unknown (allowed: site, gateway, sensor)");
    }

    private static String required(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field + " is required");
        }
        return value;
    }

    private static Instant ends(SilenceRequest r, Instant now) {
        if ((r.endsAt() == null) == (r.duration() == null)) {
            throw new BadRequestException("give exactly one of endsAt (ISO-8601 instant) and duration (e.g. PT4H)");
        }
        Instant ends;
        if (r.endsAt() != null) {
            ends = r.endsAt().truncatedTo(ChronoUnit.MILLIS);
        } else {
            try {
                ends = now.plus(Duration.parse(r.duration().toUpperCase(Locale.ROOT)));
            } catch (java.time.format.DateTimeParseException e) {
                throw new BadRequestException(
                        "duration '" + r.duration() + "' is not an ISO-8601 duration such as PT4H");
            }
        }
        if (!ends.isAfter(now)) {
            throw new BadRequestException(
                    "the silence would end at " + ends + ", which is not after now (" + now + ")");
        }
        if (Duration.between(now, ends).compareTo(MAX_LENGTH) > 0) {
            throw new BadRequestException(
                    "the silence would last longer than " + MAX_LENGTH.toDays() + " days: end it sooner");
        }
        return ends;
    }
}
