package de.dos2030.iot.collector.gateways;

import de.dos2030.iot.collector.ingest.SequenceTracker;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
    private final SequenceTracker sequences;
    private final MosquittoAuthFiles mosquitto;

    public GatewayAdminController(GatewayRegistry registry, SequenceTracker sequences, MosquittoAuthFiles mosquitto) {
        this.registry = registry;
        this.sequences = sequences;
        this.mosquitto = mosquitto;
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
            @Nullable String token) {
        static GatewayView of(Gateway g, @Nullable String token) {
            return new GatewayView(
                    g.id(), g.siteId(), g.siteKind().wireName(), g.enabled(), g.createdAt(), g.tokenIssuedAt(), token);
        }
    }

    @Post("/gateways")
    public HttpResponse<?> register(@Body Registration body) {
        SiteKind kind;
        try {
            kind = body.siteKind() == null
                    ? null
                    : SiteKind.valueOf(body.siteKind().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return error(
                    HttpStatus.BAD_REQUEST, "siteKind '" + body.siteKind() + "' is unknown (allowed: bridge, school)");
        }
        try {
            GatewayRegistry.IssuedToken issued = registry.register(body.id(), body.siteId(), kind);
            return HttpResponse.created(GatewayView.of(issued.gateway(), issued.token()));
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            return error(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    @Get("/gateways")
    public List<GatewayView> list() {
        return registry.list().stream().map(g -> GatewayView.of(g, null)).toList();
    }

    @Get("/gateways/{id}")
    public HttpResponse<?> get(String id) {
        return registry.find(id)
                .<HttpResponse<?>>map(g -> HttpResponse.ok(GatewayView.of(g, null)))
                .orElseGet(() -> notFound(id));
    }

    @Post("/gateways/{id}/token")
    public HttpResponse<?> rotate(String id) {
        return registry.rotateToken(id)
                .<HttpResponse<?>>map(i -> HttpResponse.ok(GatewayView.of(i.gateway(), i.token())))
                .orElseGet(() -> notFound(id));
    }

    @Post("/gateways/{id}/disable")
    public HttpResponse<?> disable(String id) {
        return registry.setEnabled(id, false)
                .<HttpResponse<?>>map(g -> HttpResponse.ok(GatewayView.of(g, null)))
                .orElseGet(() -> notFound(id));
    }

    @Post("/gateways/{id}/enable")
    public HttpResponse<?> enable(String id) {
        return registry.setEnabled(id, true)
                .<HttpResponse<?>>map(g -> HttpResponse.ok(GatewayView.of(g, null)))
                .orElseGet(() -> notFound(id));
    }

    @Delete("/gateways/{id}")
    public HttpResponse<?> delete(String id) {
        return registry.delete(id) ? HttpResponse.noContent() : notFound(id);
    }

    /** Sequence tracking per boot: stored, duplicates, missing ranges. */
    @Get("/gateways/{id}/sequences")
    public HttpResponse<?> sequences(String id) {
        if (registry.find(id).isEmpty()) {
            return notFound(id);
        }
        return HttpResponse.ok(sequences.of(id));
    }

    /** Writes Mosquitto's files to the configured paths (then SIGHUP Mosquitto). */
    @Post("/mosquitto/sync")
    public HttpResponse<?> syncMosquitto() {
        try {
            return HttpResponse.ok(Map.of(
                    "written", mosquitto.sync().stream().map(Path::toString).toList()));
        } catch (IllegalStateException e) {
            return error(HttpStatus.CONFLICT, e.getMessage());
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

    private static HttpResponse<?> notFound(String id) {
        return error(HttpStatus.NOT_FOUND, "no gateway '" + id + "'");
    }

    private static HttpResponse<?> error(HttpStatus status, String message) {
        return HttpResponse.status(status).body(Map.of("error", message));
    }
}
