package de.dos2030.iot.collector.alerts.routing;

import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.audit.Audit;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;

/** Escalation chains (role engineer and up; an engineer's own, an admin's all), over {@link Escalations}. */
@Controller("/api/v1/escalations")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ENGINEER)
public class EscalationController {
    private final Escalations escalations;
    private final Audit audit;

    public EscalationController(Escalations escalations, Audit audit) {
        this.escalations = escalations;
        this.audit = audit;
    }

    @Operation(
            summary =
                    "Create an escalation chain: a raised alert matching filter (minSeverity: at least), not"
                            + " acknowledged after a tier's 'after' (ISO-8601, e.g. PT15M), goes to that tier's subscription once")
    @Post
    public HttpResponse<Escalation> create(HttpRequest<?> request, @Body Escalations.EscalationRequest body) {
        Escalation created = escalations.create(Caller.of(request), body);
        audit.record(Caller.of(request), request, "escalation.create", "escalation/" + created.id(), null, created);
        return HttpResponse.created(created);
    }

    @Operation(summary = "Own escalation chains (admin: all)")
    @Get
    public List<Escalation> list(HttpRequest<?> request) {
        return escalations.list(Caller.of(request));
    }

    @Get("/{id}")
    public Escalation get(HttpRequest<?> request, @PathVariable String id) {
        return escalations.get(Caller.of(request), id);
    }

    @Operation(summary = "Delete an escalation chain; tiers already told stay told")
    @Delete("/{id}")
    public HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
        Escalation before = escalations.get(Caller.of(request), id);
        escalations.delete(Caller.of(request), id);
        audit.record(Caller.of(request), request, "escalation.delete", "escalation/" + id, before, null);
        return HttpResponse.noContent();
    }
}
