package de.dos2030.iot.collector.fleet.rollout;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ConflictException;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.audit.Audit;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;

/**
 * Staged rollouts (role admin): {@code POST /admin/rollouts} starts one (201 with the rollout; 400 for a
 * malformed request; 422 problem+json when a gateway's file does not pass), {@code GET /admin/rollouts[/{id}]}
 * shows steps, each gateway's status and the reasons, {@code POST /admin/rollouts/{id}/cancel} stops it.
 */
@Controller("/admin/rollouts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ADMIN)
public class RolloutController {
    private final Rollouts rollouts;
    private final Audit audit;

    public RolloutController(Rollouts rollouts, Audit audit) {
        this.rollouts = rollouts;
        this.audit = audit;
    }

    @Post
    public HttpResponse<RolloutView> start(HttpRequest<?> request, @Body RolloutRequest body) {
        Caller caller = Caller.of(request);
        Rollout r;
        try {
            r = rollouts.start(body, caller.subject());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        RolloutView view = view(r.id());
        audit.record(caller, request, "rollout.start", "rollout/" + r.id(), null, summary(view));
        return HttpResponse.created(view);
    }

    @Get
    public List<RolloutView> list() {
        return rollouts.list().stream()
                .map(r -> RolloutView.of(r, rollouts.members(r.id())))
                .toList();
    }

    @Get("/{id}")
    public RolloutView get(String id) {
        return view(id);
    }

    @Post("/{id}/cancel")
    public RolloutView cancel(HttpRequest<?> request, String id) {
        Caller caller = Caller.of(request);
        RolloutView before = view(id);
        try {
            rollouts.cancel(id, caller.subject());
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
        RolloutView after = view(id);
        audit.record(caller, request, "rollout.cancel", "rollout/" + id, summary(before), summary(after));
        return after;
    }

    private RolloutView view(String id) {
        Rollout r = rollouts.find(id).orElseThrow(() -> new NotFoundException("no rollout '" + id + "'"));
        return RolloutView.of(r, rollouts.members(id));
    }

    /** What the audit log keeps: settings and gateways, not the file. */
    private static Map<String, Object> summary(RolloutView v) {
        return Map.of(
                "kind", v.kind(),
                "status", v.status(),
                "percentSteps", v.percentSteps(),
                "pace", v.pace(),
                "watch", v.watch(),
                "gateways",
                        v.steps().stream()
                                .flatMap(s -> s.gateways().stream())
                                .map(RolloutView.Member::gatewayId)
                                .toList());
    }
}
