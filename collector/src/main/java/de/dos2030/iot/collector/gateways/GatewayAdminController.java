package de.dos2030.iot.collector.gateways;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ConflictException;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.audit.Audit;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.WireNames;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Admin API (role admin, see {@link de.dos2030.iot.collector.security.AccessFilter}): register gateways, rotate and
 * revoke their tokens, read sequence gaps, produce Mosquitto's password and ACL files.
 * A token appears in a response exactly once, when it is issued.
 */
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ADMIN)
public class GatewayAdminController {
    private final GatewayRegistry registry;
    private final SequenceGaps sequences;
    private final MosquittoAuthFiles mosquitto;
    private final Audit audit;
    private final GatewayDriftSource drift;

    public GatewayAdminController(
            GatewayRegistry registry,
            SequenceGaps sequences,
            MosquittoAuthFiles mosquitto,
            Audit audit,
            @Nullable GatewayDriftSource drift) {
        this.registry = registry;
        this.sequences = sequences;
        this.mosquitto = mosquitto;
        this.audit = audit;
        this.drift = drift;
    }

    @Serdeable
    public record Registration(
            @Nullable String id,
            @Nullable String siteId,
            @Nullable String siteKind) {}

    @Serdeable
    public record GatewayView(
            String id,
            String siteId,
            String siteKind,
            boolean enabled,
            Instant createdAt,
            Instant tokenIssuedAt,
            @Nullable String token,
            @Nullable Object drift) {
        static GatewayView of(Gateway g, @Nullable String token) {
            return new GatewayView(
                    g.id(),
                    g.siteId(),
                    g.siteKind().wireName(),
                    g.enabled(),
                    g.createdAt(),
                    g.tokenIssuedAt(),
                    token,
                    null);
        }

        GatewayView withDrift(@Nullable Object fleetDrift) {
            return new GatewayView(id, siteId, siteKind, enabled, createdAt, tokenIssuedAt, token, fleetDrift);
        }
    }

    @Post("/gateways")
    public HttpResponse<GatewayView> register(HttpRequest<?> request, @Body Registration body) {
        SiteKind kind;
        try {
            kind = body.siteKind() == null
                    ? null
                    : SiteKind.valueOf(body.siteKind().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("siteKind '" + body.siteKind() + "' is unknown (allowed: "
                    + WireNames.allowed(SiteKind.class) + ")");
        }
        try {
            GatewayRegistry.IssuedToken issued = registry.register(body.id(), body.siteId(), kind);
            record(request, "gateway.register", issued.gateway().id(), null, issued.gateway());
            return HttpResponse.created(GatewayView.of(issued.gateway(), issued.token()));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    @Get("/gateways")
    public List<GatewayView> list() {
        return registry.list().stream().map(g -> GatewayView.of(g, null)).toList();
    }

    /** One gateway, with its drift: desired against reported configuration and agent (fleet). */
    @Get("/gateways/{id}")
    public GatewayView get(String id) {
        GatewayView view = GatewayView.of(registry.find(id).orElseThrow(() -> noGateway(id)), null);
        return drift == null ? view : view.withDrift(drift.driftOf(id).orElse(null));
    }

    @Post("/gateways/{id}/token")
    public GatewayView rotate(HttpRequest<?> request, String id) {
        Gateway before = registry.find(id).orElseThrow(() -> noGateway(id));
        GatewayRegistry.IssuedToken issued = registry.rotateToken(id).orElseThrow(() -> noGateway(id));
        record(request, "gateway.rotate", id, before, issued.gateway());
        return GatewayView.of(issued.gateway(), issued.token());
    }

    @Post("/gateways/{id}/disable")
    public GatewayView disable(HttpRequest<?> request, String id) {
        return enabled(request, id, false);
    }

    @Post("/gateways/{id}/enable")
    public GatewayView enable(HttpRequest<?> request, String id) {
        return enabled(request, id, true);
    }

    private GatewayView enabled(HttpRequest<?> request, String id, boolean enabled) {
        Gateway before = registry.find(id).orElseThrow(() -> noGateway(id));
        Gateway after = registry.setEnabled(id, enabled).orElseThrow(() -> noGateway(id));
        record(request, enabled ? "gateway.enable" : "gateway.disable", id, before, after);
        return GatewayView.of(after, null);
    }

    @Delete("/gateways/{id}")
    public HttpResponse<Void> delete(HttpRequest<?> request, String id) {
        Gateway before = registry.find(id).orElse(null);
        if (!registry.delete(id)) {
            throw noGateway(id);
        }
        record(request, "gateway.delete", id, before, null);
        return HttpResponse.noContent();
    }

    /** Sequence tracking per boot: stored, duplicates, missing ranges. */
    @Get("/gateways/{id}/sequences")
    public List<BootSequences> sequences(String id) {
        if (registry.find(id).isEmpty()) {
            throw noGateway(id);
        }
        return sequences.of(id);
    }

    /** Writes Mosquitto's files to the configured paths (then SIGHUP Mosquitto). */
    @Post("/mosquitto/sync")
    public Map<String, List<String>> syncMosquitto(HttpRequest<?> request) {
        try {
            Map<String, List<String>> written = Map.of(
                    "written", mosquitto.sync().stream().map(Path::toString).toList());
            audit.record(Caller.of(request), request, "config.push", "mosquitto", null, written);
            return written;
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    @Get("/mosquitto/passwd")
    @Produces(MediaType.TEXT_PLAIN)
    public String mosquittoPasswd() {
        return mosquitto.passwd(registry.list(), "", "");
    }

    @Get("/mosquitto/acl")
    @Produces(MediaType.TEXT_PLAIN)
    public String mosquittoAcl() {
        return mosquitto.acl(registry.list(), "");
    }

    /** Audits a gateway change; the state is the view without any token (a secret). */
    private void record(
            HttpRequest<?> request, String action, String id, @Nullable Gateway before, @Nullable Gateway after) {
        audit.record(
                Caller.of(request),
                request,
                action,
                "gateway/" + id,
                before == null ? null : GatewayView.of(before, null),
                after == null ? null : GatewayView.of(after, null));
    }

    private static NotFoundException noGateway(String id) {
        return new NotFoundException("no gateway '" + id + "'");
    }
}
