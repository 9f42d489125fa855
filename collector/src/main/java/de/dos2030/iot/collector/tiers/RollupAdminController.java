package de.dos2030.iot.collector.tiers;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ErrorAnswer;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.api.TimeParameter;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.audit.Audit;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Admin API of the rollup tiers (role admin): the backlog of dirty windows, and a rebuild of a time
 * range ({@link RollupRebuild}) after an upgrade from a version without tiers, an import, or a time
 * with {@code collector.rollup.enabled=false}. Parameters come as a JSON body or as query parameters.
 */
@Controller("/admin/rollups")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ADMIN)
public class RollupAdminController {
    private final RollupRebuild rebuild;
    private final DirtySet dirty;
    private final RollupConfig config;
    private final Clock clock;

    private final Audit audit;

    public RollupAdminController(RollupRebuild rebuild, DirtySet dirty, RollupConfig config, Clock clock, Audit audit) {
        this.audit = audit;
        this.rebuild = rebuild;
        this.dirty = dirty;
        this.config = config;
        this.clock = clock;
    }

    /** The parameters of a rebuild as a JSON body; each may come as a query parameter instead. */
    @Serdeable
    public record RebuildRequest(
            @Nullable String from,
            @Nullable String to,
            @Nullable String site,
            @Nullable String gateway) {}

    /**
     * What a rebuild marked; the worker recomputes it within about {@code windows / windows-per-round} rounds.
     *
     * @param rollupsEnabled whether this instance recomputes windows; when false, the marks wait for one that does
     */
    @Serdeable
    public record RebuildAnswer(
            Instant from,
            Instant to,
            @Nullable String site,
            @Nullable String gateway,
            long windows,
            int gateways,
            Set<String> fields,
            boolean rollupsEnabled,
            long tookMs) {}

    /**
     * The dirty set of all instances.
     *
     * @param dirtyWindows hour and day windows waiting for a recompute
     * @param oldestMark   when the longest-waiting one was first marked (null: none)
     * @param lagSeconds   its age: how far the tiers lag behind at most
     * @param enabled      whether this instance marks and recomputes windows
     */
    @Serdeable
    public record Status(
            boolean enabled, long dirtyWindows, @Nullable Instant oldestMark, long lagSeconds) {}

    @Get
    public Status status() {
        DirtySet.Backlog backlog = dirty.backlog();
        long lag = backlog.oldestMark() == null
                ? 0
                : Math.max(
                        0,
                        Duration.between(backlog.oldestMark(), clock.instant()).toSeconds());
        return new Status(config.enabled(), backlog.windows(), backlog.oldestMark(), lag);
    }

    @Post("/rebuild")
    public RebuildAnswer rebuild(
            HttpRequest<?> request,
            @Nullable @Body RebuildRequest body,
            @Nullable @QueryValue("from") String fromParam,
            @Nullable @QueryValue("to") String toParam,
            @Nullable @QueryValue("site") String siteParam,
            @Nullable @QueryValue("gateway") String gatewayParam) {
        RebuildRequest b = body != null ? body : new RebuildRequest(null, null, null, null);
        Instant from = TimeParameter.parse("from", required("from", either("from", b.from(), fromParam)));
        Instant to = TimeParameter.parse("to", required("to", either("to", b.to(), toParam)));
        TimeParameter.requireOrder("from", from, "to", to);
        if (Duration.between(from, to).compareTo(RollupRebuild.MAX_RANGE) > 0) {
            throw new BadRequestException(
                    "to (" + to + ") is " + Duration.between(from, to).toDays() + " days after from ("
                            + from + "): a rebuild takes at most " + RollupRebuild.MAX_RANGE.toDays()
                            + " days; rebuild a longer history in parts");
        }
        String site = either("site", b.site(), siteParam);
        String gateway = either("gateway", b.gateway(), gatewayParam);
        if (site != null) {
            IdParameter.require("site", site);
        }
        if (gateway != null) {
            IdParameter.require("gateway", gateway);
        }
        long t0 = System.nanoTime();
        RollupRebuild.Result r = rebuild.rebuild(from, to, site, gateway);
        RebuildAnswer answer = new RebuildAnswer(
                r.from(),
                r.to(),
                site,
                gateway,
                r.windows(),
                r.gateways().size(),
                r.fields(),
                config.enabled(),
                (System.nanoTime() - t0) / 1_000_000);
        audit.record(Caller.of(request), request, "rollup.rebuild", "rollups", null, answer);
        return answer;
    }

    /** The value from the body or the query; both only when they agree. */
    @Nullable
    private static String either(String name, @Nullable String fromBody, @Nullable String fromQuery) {
        if (fromBody != null && fromQuery != null && !fromBody.equals(fromQuery)) {
            throw new BadRequestException(name + " is given twice, as " + ErrorAnswer.quoted(fromBody) + " in the body"
                    + " and as " + ErrorAnswer.quoted(fromQuery) + " in the query: give it once");
        }
        return fromBody != null ? fromBody : fromQuery;
    }

    private static String required(String name, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            throw new BadRequestException(name + " is required: an ISO-8601 instant such as 2025-03-01T00:00:00Z");
        }
        return value;
    }
}
