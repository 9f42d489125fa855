package de.dos2030.iot.collector.condition;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.audit.Audit;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A bridge's condition (viewer and up): the summary as JSON or CSV, the learned baselines; re-learning
 * after maintenance (engineer and up). Bridges are sites whose gateways are registered as bridges.
 */
@Controller("/api/v1/sites/{site}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.VIEWER)
public class ConditionController {
    private final ConditionService service;
    private final GatewayRegistry registry;
    private final Clock clock;

    private final Audit audit;

    public ConditionController(ConditionService service, GatewayRegistry registry, Clock clock, Audit audit) {
        this.audit = audit;
        this.service = service;
        this.registry = registry;
        this.clock = clock;
    }

    @Operation(
            summary = "A bridge's condition: each mode's frequency, baseline prediction, residual (% and sigma),"
                    + " coverage and state; each strain/tilt sensor's offset")
    @Get("/condition")
    public ConditionSummary condition(HttpRequest<?> request, @PathVariable String site) {
        return service.summary(bridge(request, site));
    }

    @Operation(summary = "The same summary as CSV")
    @Get(value = "/condition.csv", produces = "text/csv")
    public HttpResponse<String> conditionCsv(HttpRequest<?> request, @PathVariable String site) {
        return HttpResponse.ok(condition(request, site).csv())
                .header("Content-Disposition", "attachment; filename=\"" + site + "-condition.csv\"");
    }

    @Operation(summary = "Every learned baseline version of a bridge, newest version first per sensor and feature")
    @Get("/condition/baselines")
    public List<Baseline> baselines(HttpRequest<?> request, @PathVariable String site) {
        return service.baselines(bridge(request, site));
    }

    /** Which features to re-learn: all of the bridge when both are left out. */
    @Serdeable
    public record RelearnRequest(
            @Nullable String sensorId, @Nullable String feature) {}

    /** The features that learn anew since {@code since}. */
    @Serdeable
    public record RelearnAnswer(String siteId, Instant since, List<Learning> learning) {}

    @Serdeable
    public record Learning(String sensorId, String feature) {}

    @Operation(
            summary = "Re-learn baselines after maintenance (engineer): a new learning period starts now for the"
                    + " bridge, or one sensor, or one feature (f1, f2, f3, strain, tilt); open alerts clear when"
                    + " the new baseline is in place")
    @Post("/condition/baselines/relearn")
    @Allowed(Role.ENGINEER)
    public HttpResponse<RelearnAnswer> relearn(
            HttpRequest<?> request, @PathVariable String site, @Nullable @Body RelearnRequest body) {
        bridge(request, site);
        String sensor = body == null ? null : body.sensorId();
        if (sensor != null) {
            IdParameter.require("sensorId", sensor);
        }
        Feature feature = null;
        if (body != null && body.feature() != null) {
            feature = Feature.parse(body.feature());
            if (feature == null) {
                throw new BadRequestException("feature '" + abbreviate(body.feature()) + "' is unknown (allowed: "
                        + String.join(
                                ", ",
                                Arrays.stream(Feature.values())
                                        .map(Feature::wireName)
                                        .toList()) + ")");
            }
        }
        Instant since = clock.instant();
        List<SeriesKey> keys = service.relearn(site, sensor, feature, since);
        if (keys.isEmpty()) {
            throw new NotFoundException("bridge '" + site + "' has no followed feature"
                    + (sensor == null ? "" : " of sensor '" + sensor + "'")
                    + (feature == null ? "" : " named '" + feature.wireName() + "'")
                    + ": nothing to re-learn (features appear with their first readings)");
        }
        RelearnAnswer answer = new RelearnAnswer(
                site,
                since,
                keys.stream()
                        .map(k -> new Learning(k.sensorId(), k.feature().wireName()))
                        .toList());
        audit.record(Caller.of(request), request, "condition.relearn", "site/" + site, null, answer);
        return HttpResponse.accepted().body(answer);
    }

    /** The bridge's id if it is one and inside the caller's scope; 404 otherwise, as if it did not exist. */
    private String bridge(HttpRequest<?> request, String site) {
        IdParameter.require("site", site);
        boolean known =
                registry.list().stream().anyMatch(g -> g.siteId().equals(site) && g.siteKind() == SiteKind.BRIDGE)
                        && Caller.of(request).sees(site, "bridge");
        if (!known) {
            throw new NotFoundException("no bridge '" + site + "': no gateway is registered for it as a bridge");
        }
        return site;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
