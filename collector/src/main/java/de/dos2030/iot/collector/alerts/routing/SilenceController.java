package de.dos2030.iot.collector.alerts.routing;

import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.audit.Audit;
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
    private final GatewayRegistry gateways;
    private final Audit audit;

    public SilenceController(Silences silences, GatewayRegistry gateways, Audit audit) {
        this.silences = silences;
        this.gateways = gateways;
        this.audit = audit;
    }

    @Operation(
            summary = "Silence a site, gateway or sensor until endsAt (or for duration): its alert steps are recorded"
                    + " as silenced, not delivered, and the liveness rules raise nothing there")
    @Post("/silences")
    @Allowed(Role.ENGINEER)
    public HttpResponse<Silence> create(HttpRequest<?> request, @Body Silences.SilenceRequest body) {
        Caller caller = Caller.of(request);
        if (!sees(caller, body.siteId(), body.gatewayId())) {
            throw new NotFoundException("no site or gateway of that id inside your scope '" + caller.scope() + "'");
        }
        Silence created = silences.create(caller, body);
        audit.record(caller, request, "silence.create", "silence/" + created.id(), null, created);
        return HttpResponse.created(created);
    }

    @Operation(summary = "Silences, newest first; active=true: only those in force now")
    @Get("/silences{?active}")
    public List<Silence> list(HttpRequest<?> request, @Nullable @QueryValue Boolean active) {
        Caller caller = Caller.of(request);
        return silences.list(Boolean.TRUE.equals(active)).stream()
                .filter(x -> sees(caller, x.siteId(), x.gatewayId()))
                .toList();
    }

    @Operation(summary = "One silence")
    @Get("/silences/{id}")
    public Silence get(HttpRequest<?> request, @PathVariable String id) {
        return visible(Caller.of(request), id);
    }

    @Operation(summary = "End a silence now (409 when it is over already); delivery and liveness rules resume")
    @Delete("/silences/{id}")
    @Allowed(Role.ENGINEER)
    public Silence end(HttpRequest<?> request, @PathVariable String id) {
        Caller caller = Caller.of(request);
        Silence before = visible(caller, id);
        Silence after = silences.end(caller, id);
        audit.record(caller, request, "silence.end", "silence/" + id, before, after);
        return after;
    }

    @Operation(summary = "Alert steps recorded while a silence covered them, newest first (silenceId: of that one)")
    @Get("/alerts/silenced{?silenceId,limit}")
    public List<Silences.SilencedStep> silenced(
            HttpRequest<?> request, @Nullable @QueryValue String silenceId, @Nullable @QueryValue Integer limit) {
        Caller caller = Caller.of(request);
        return silences.silenced(silenceId, limit == null ? 100 : limit).stream()
                .filter(x -> caller.sees(x.step().siteId(), x.step().siteKind()))
                .toList();
    }

    /** The silence if it lies inside the caller's scope; 404 otherwise, as if it did not exist. */
    private Silence visible(Caller caller, String id) {
        Silence s = silences.get(id);
        if (!sees(caller, s.siteId(), s.gatewayId())) {
            throw new NotFoundException("no silence '" + id + "'");
        }
        return s;
    }

    /** Whether the site (or the gateway's site) is inside the caller's scope; a fleet-wide one only for scope all. */
    private boolean sees(Caller caller, @Nullable String siteId, @Nullable String gatewayId) {
        if (caller.scope().isAll()) {
            return true;
        }
        return gateways.list().stream()
                .filter(g -> gatewayId != null
                        ? g.id().equals(gatewayId)
                        : g.siteId().equals(siteId))
                .findFirst()
                .map(g -> caller.sees(g.siteId(), g.siteKind().wireName()))
                .orElse(false);
    }
}
