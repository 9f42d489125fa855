package de.dos2030.iot.collector.alerts.routing;

import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;

/**
 * Maintenance silences: engineers create and end them, everyone signed in sees them and the steps they held back
 * ({@code GET /api/v1/alerts/silenced}).
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.VIEWER)
public class SilenceController {
    private final Silences silences;

    public SilenceController(Silences silences) {
        this.silences = silences;
    }

    @Operation(
            summary = "Silence a site, gateway or sensor until endsAt (or for duration): its alert steps are recorded"
                    + " as silenced, not delivered, and the liveness rules raise nothing there")
    @Post("/silences")
    @Allowed(Role.ENGINEER)
    public HttpResponse<Silence> create(HttpRequest<?> request, @Body Silences.SilenceRequest body) {
        return HttpResponse.created(silences.create(Caller.of(request), body));
    }

    @Operation(summary = "Silences, newest first; active=true: only those in force now")
    @Get("/silences{?active}")
    public List<Silence> list(@Nullable @QueryValue Boolean active) {
        return silences.list(Boolean.TRUE.equals(active));
    }

    @Operation(summary = "One silence")
    @Get("/silences/{id}")
    public Silence get(@PathVariable String id) {
        return silences.get(id);
    }

    @Operation(summary = "End a silence now (409 when it is over already); delivery and liveness rules resume")
    @Delete("/silences/{id}")
    @Allowed(Role.ENGINEER)
    public Silence end(HttpRequest<?> request, @PathVariable String id) {
        return silences.end(Caller.of(request), id);
    }

    @Operation(summary = "Alert steps recorded while a silence covered them, newest first (silenceId: of that one)")
    @Get("/alerts/silenced{?silenceId,limit}")
    public List<Silences.SilencedStep> silenced(
            @Nullable @QueryValue String silenceId, @Nullable @QueryValue Integer limit) {
        return silences.silenced(silenceId, limit == null ? 100 : limit);
    }
}
