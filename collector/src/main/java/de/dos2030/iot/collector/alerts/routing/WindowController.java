package de.dos2030.iot.collector.alerts.routing;

import de.dos2030.iot.collector.alerts.delivery.Subscriptions;
import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.audit.Audit;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A subscription's delivery window and holidays (whoever may change the subscription: its owner or an admin).
 * Outside the window its deliveries wait and go out as one digest when it opens; nothing is dropped.
 */
@Controller("/api/v1/subscriptions/{id}/window")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ENGINEER)
public class WindowController {
    /** An uploaded calendar larger than this is not a holiday list. */
    static final int MAX_CALENDAR_CHARS = 1_000_000;

    private final Subscriptions subscriptions;
    private final WindowStore windows;
    private final RoutingWorker worker;
    private final Clock clock;

    private final Audit audit;

    public WindowController(
            Subscriptions subscriptions, WindowStore windows, RoutingWorker worker, Clock clock, Audit audit) {
        this.audit = audit;
        this.subscriptions = subscriptions;
        this.windows = windows;
        this.worker = worker;
        this.clock = clock;
    }

    /**
     * A window as sent and answered: {@code zone} (default Europe/Berlin), {@code days} ("MON-FRI",
     * "MON,WED"), {@code from}/{@code to} "HH:MM" local ({@code to} may be "24:00"), {@code criticalBypass}:
     * critical steps go at once. Answers add {@code open} (now), {@code nextOpening} and {@code holidays} (from
     * today on).
     */
    @Serdeable
    public record WindowBody(
            @Nullable String zone,
            @Nullable String days,
            @Nullable String from,
            @Nullable String to,
            @Nullable Boolean criticalBypass,
            @Nullable Boolean open,
            @Nullable Instant nextOpening,
            @Nullable List<HolidayCalendar.Holiday> holidays) {}

    /** What an iCalendar import did. */
    @Serdeable
    public record Imported(
            int days, @Nullable LocalDate first, @Nullable LocalDate last) {}

    @Operation(summary = "The subscription's delivery window (404 when it has none: it is told at any time)")
    @Get
    public WindowBody get(HttpRequest<?> request, @PathVariable String id) {
        subscriptions.get(Caller.of(request), id);
        Instant now = clock.instant();
        DeliveryWindow w = windows.find(id, now)
                .orElseThrow(() -> new NotFoundException("subscription '" + id + "' has no delivery window"));
        return new WindowBody(
                w.zone().getId(),
                w.daysText(),
                w.from().toString(),
                w.toText(),
                w.criticalBypass(),
                w.isOpen(now),
                w.nextOpening(now),
                windows.holidays(id, now.atZone(w.zone()).toLocalDate()));
    }

    @Operation(summary = "Set the delivery window: outside it deliveries wait and go out as one digest at its opening")
    @Put
    public WindowBody put(HttpRequest<?> request, @PathVariable String id, @Body WindowBody body) {
        subscriptions.get(Caller.of(request), id);
        DeliveryWindow w;
        try {
            w = new DeliveryWindow(
                    DeliveryWindow.parseZone(body.zone()),
                    DeliveryWindow.parseDays(body.days()),
                    DeliveryWindow.parseTime("from", body.from(), false),
                    DeliveryWindow.parseTime("to", body.to(), true),
                    Boolean.TRUE.equals(body.criticalBypass()),
                    java.util.Set.of());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        WindowBody before = windows.find(id, clock.instant()).isEmpty() ? null : get(request, id);
        windows.put(id, w);
        windows.releaseNow(id, clock.instant()); // what waits is held again by the new window, or goes now
        worker.run();
        WindowBody after = get(request, id);
        audit.record(Caller.of(request), request, "subscription.window.set", "subscription/" + id, before, after);
        return after;
    }

    @Operation(
            summary = "Remove the window and its holidays: the subscription is told at any time; what waited goes now")
    @Delete
    public HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
        subscriptions.get(Caller.of(request), id);
        WindowBody before = windows.find(id, clock.instant()).isEmpty() ? null : get(request, id);
        windows.delete(id);
        audit.record(Caller.of(request), request, "subscription.window.delete", "subscription/" + id, before, null);
        windows.releaseNow(id, clock.instant());
        worker.run();
        return HttpResponse.noContent();
    }

    @Operation(
            summary = "Replace the window's holidays with the days of an uploaded iCalendar file (VEVENT DTSTART/DTEND,"
                    + " e.g. the NRW school holidays); the window stays closed on them")
    @Post(uri = "/holidays", produces = MediaType.APPLICATION_JSON)
    @Consumes({"text/calendar", MediaType.TEXT_PLAIN})
    public Imported holidays(HttpRequest<?> request, @PathVariable String id, @Body String calendar) {
        subscriptions.get(Caller.of(request), id);
        if (windows.find(id, clock.instant()).isEmpty()) {
            throw new BadRequestException("subscription '" + id + "' has no delivery window: PUT one first");
        }
        if (calendar == null || calendar.length() > MAX_CALENDAR_CHARS) {
            throw new BadRequestException(
                    "body must be an iCalendar file of at most " + MAX_CALENDAR_CHARS + " characters");
        }
        List<HolidayCalendar.Holiday> days;
        try {
            days = HolidayCalendar.parse(calendar);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("calendar: " + e.getMessage());
        }
        int n = windows.replaceHolidays(id, days);
        windows.releaseNow(id, clock.instant());
        worker.run();
        return new Imported(
                n,
                days.stream()
                        .map(HolidayCalendar.Holiday::day)
                        .min(LocalDate::compareTo)
                        .orElse(null),
                days.stream()
                        .map(HolidayCalendar.Holiday::day)
                        .max(LocalDate::compareTo)
                        .orElse(null));
    }
}
