package de.dos2030.iot.collector.fleet.release;

import de.dos2030.iot.collector.api.ErrorAnswer;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.fleet.DesiredAgentChanged;
import de.dos2030.iot.collector.fleet.release.ReleaseStore.Release;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.audit.Audit;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Agent releases for operators (role admin, scope all): upload a signed jar, list releases, choose the release a
 * gateway should run. The desired-state document then names it ({@link StoredDesiredAgents}) and the gateway
 * updates itself (edge {@code AgentUpdater}). Audited: {@code release.upload}, {@code agent.desire}.
 */
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ADMIN)
public class ReleaseAdminController {
    public static final String SIGNATURE_HEADER = "X-Release-Signature";

    private final ReleaseIntake intake;
    private final ReleaseStore store;
    private final GatewayRegistry registry;
    private final Audit audit;
    private final ApplicationEventPublisher<DesiredAgentChanged> changes;
    private final Clock clock;

    public ReleaseAdminController(
            ReleaseIntake intake,
            ReleaseStore store,
            GatewayRegistry registry,
            Audit audit,
            ApplicationEventPublisher<DesiredAgentChanged> changes,
            Clock clock) {
        this.intake = intake;
        this.store = store;
        this.registry = registry;
        this.audit = audit;
        this.changes = changes;
        this.clock = clock;
    }

    /** A release as the API shows it. */
    @Serdeable
    public record ReleaseView(
            String version,
            String sha256,
            String signature,
            long size,
            String uploadedBy,
            java.time.Instant uploadedAt,
            String url) {
        static ReleaseView of(Release r) {
            return new ReleaseView(
                    r.version(), r.sha256(), r.signature(), r.size(), r.uploadedBy(), r.uploadedAt(), r.url());
        }
    }

    /** Body of {@code PUT /admin/gateways/{id}/agent}. */
    @Serdeable
    public record DesiredAgent(@Nullable String version) {}

    /** The answer of {@code PUT /admin/gateways/{id}/agent}. */
    @Serdeable
    public record DesiredAgentView(String gatewayId, String version, String sha256, String url) {}

    /**
     * Uploads a signed release: the body is the jar; the signature (Base64, {@code edge-agent release sign}) in the
     * {@value #SIGNATURE_HEADER} header or {@code ?signature=}. 201 with the release; 422 unsigned, tampered,
     * signed by another key or not a jar; 413 past {@code collector.releases.max-jar-bytes}; 409 version exists.
     */
    @Post(uri = "/releases/{version}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> upload(
            String version,
            @Nullable @Header(SIGNATURE_HEADER) String signatureHeader,
            @Nullable @QueryValue String signature,
            @Body InputStream body,
            HttpRequest<?> request)
            throws IOException {
        Caller caller = Caller.of(request);
        Release release;
        try {
            release =
                    intake.take(version, signatureHeader != null ? signatureHeader : signature, body, caller.subject());
        } catch (IllegalArgumentException e) {
            return ErrorAnswer.of(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (ReleaseIntake.Refused e) {
            audit.record(
                    caller,
                    request,
                    "release.refuse",
                    "release/" + ErrorAnswer.quoted(version),
                    null,
                    Map.of("reason", e.getMessage()));
            return ErrorAnswer.of(
                    e.tooLarge ? HttpStatus.REQUEST_ENTITY_TOO_LARGE : HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
        ReleaseView view = ReleaseView.of(release);
        audit.record(caller, request, "release.upload", "release/" + version, null, view);
        return HttpResponse.created(view);
    }

    @Get(uri = "/releases", produces = MediaType.APPLICATION_JSON)
    public List<ReleaseView> list() {
        return store.list().stream().map(ReleaseView::of).toList();
    }

    /**
     * Chooses the release a gateway should run: 200 with it; 404 unknown gateway; 422 a version that was not
     * uploaded. Publishes {@link DesiredAgentChanged} when the choice changed.
     */
    @Put(uri = "/gateways/{id}/agent", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> desire(String id, @Body DesiredAgent body, HttpRequest<?> request) {
        IdParameter.require("gateway id", id);
        if (registry.find(id).isEmpty()) {
            throw new NotFoundException("gateway " + ErrorAnswer.quoted(id) + " is not registered");
        }
        if (body.version() == null || body.version().isBlank()) {
            return ErrorAnswer.of(HttpStatus.BAD_REQUEST, "version is required: {\"version\": \"0.2.0\"}");
        }
        Optional<Release> release = store.find(body.version());
        if (release.isEmpty()) {
            return ErrorAnswer.of(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "release " + ErrorAnswer.quoted(body.version())
                            + " was not uploaded: POST /admin/releases/{version} first (GET /admin/releases lists them)");
        }
        Caller caller = Caller.of(request);
        Optional<String> before = store.desire(id, body.version(), caller.subject(), clock.instant());
        Release r = release.get();
        DesiredAgentView view = new DesiredAgentView(id, r.version(), r.sha256(), r.url());
        if (!before.equals(Optional.of(r.version()))) {
            audit.record(
                    caller,
                    request,
                    "agent.desire",
                    "gateway/" + id,
                    before.map(v -> Map.of("version", v)).orElse(null),
                    Map.of("version", r.version()));
            changes.publishEvent(new DesiredAgentChanged(id));
        }
        return HttpResponse.ok(view);
    }
}
