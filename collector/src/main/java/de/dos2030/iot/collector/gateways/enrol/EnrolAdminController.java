package de.dos2030.iot.collector.gateways.enrol;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ConflictException;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.audit.Audit;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.WireNames;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Admin API for enrolment (role admin, scope all): one claim code for a gateway, or a code for every
 * gateway of a CSV file. A code appears in a response exactly once; the audit log records each claim
 * without its code.
 */
@Controller("/admin/gateways")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ADMIN)
public class EnrolAdminController {
    static final String TEXT_CSV = "text/csv";
    private final Enrolment enrolment;
    private final GatewayRegistry registry;
    private final Audit audit;

    public EnrolAdminController(Enrolment enrolment, GatewayRegistry registry, Audit audit) {
        this.enrolment = enrolment;
        this.registry = registry;
        this.audit = audit;
    }

    /** The body of a claim: where the gateway goes; {@code validFor} ISO-8601 (default 72 h, at most 30 days). */
    @Serdeable
    public record ClaimBody(
            @Nullable String siteId,
            @Nullable String siteKind,
            @Nullable String validFor,
            @Nullable String location) {}

    /** A claim as answered; {@code code} only in the answer that issues it, never in the audit log. */
    @Serdeable
    public record ClaimView(
            @Nullable String code,
            String gatewayId,
            String siteId,
            String siteKind,
            @Nullable String location,
            Instant expiresAt) {
        static ClaimView of(@Nullable String code, Claim c) {
            return new ClaimView(code, c.gatewayId(), c.siteId(), c.siteKind().wireName(), c.location(), c.expiresAt());
        }
    }

    /** 400 of a bulk import: every row's problem; nothing was written. */
    @Serdeable
    public record ImportProblems(String error, List<String> problems) {}

    @Operation(
            summary = "Issue a one-time claim code for a gateway id, site and kind (admin); the gateway trades it for"
                    + " its token at POST /api/v1/enroll. Replaces the gateway's open codes.")
    @Post("/{id}/claims")
    public HttpResponse<ClaimView> claim(HttpRequest<?> request, @PathVariable String id, @Body ClaimBody body) {
        IdParameter.require("id", id);
        if (body.siteId() == null || body.siteId().isBlank()) {
            throw new BadRequestException("siteId is missing: the site the gateway belongs to");
        }
        Enrolment.ClaimRequest wanted =
                new Enrolment.ClaimRequest(id, body.siteId(), kind(body.siteKind()), blankToNull(body.location()));
        Enrolment.IssuedClaim issued =
                issue(List.of(wanted), body.validFor(), request).get(0);
        return HttpResponse.created(ClaimView.of(issued.code(), issued.claim()));
    }

    @Operation(
            summary = "Bulk registration (admin): text/csv with header id,site,kind,location; every row is checked"
                    + " first (400 lists each bad line, nothing written), then one claim code per gateway is issued"
                    + " in one transaction. Answer JSON, or CSV with Accept: text/csv.")
    @Post("/import")
    // JSON too, so that a wrong content type still meets the access check first and then the header check
    // ("the header must be 'id,site,kind,location'") rather than a bare 415
    @Consumes({TEXT_CSV, MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    public HttpResponse<?> importCsv(HttpRequest<?> request, @Body String csv, @Nullable @QueryValue String validFor) {
        Set<String> registered = registry.list().stream().map(Gateway::id).collect(Collectors.toSet());
        ClaimImport.Result read = ClaimImport.read(csv, registered);
        if (!read.problems().isEmpty()) {
            return HttpResponse.badRequest(new ImportProblems(
                            read.problems().size() + " problem(s) in the file; nothing was written: fix every line"
                                    + " listed and send the whole file again",
                            read.problems()))
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        List<ClaimView> views = issue(read.rows(), validFor, request).stream()
                .map(i -> ClaimView.of(i.code(), i.claim()))
                .toList();
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(TEXT_CSV)) {
            StringBuilder out = new StringBuilder("id,site,kind,location,code,expires_at\n");
            views.forEach(v -> out.append(String.join(
                            ",",
                            v.gatewayId(),
                            v.siteId(),
                            v.siteKind(),
                            v.location() == null ? "" : v.location(),
                            v.code(),
                            v.expiresAt().toString()))
                    .append('\n'));
            return HttpResponse.created(out.toString()).contentType(TEXT_CSV);
        }
        return HttpResponse.created(views).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private List<Enrolment.IssuedClaim> issue(
            List<Enrolment.ClaimRequest> wanted, @Nullable String validFor, HttpRequest<?> request) {
        Caller caller = Caller.of(request);
        List<Enrolment.IssuedClaim> issued;
        try {
            issued = enrolment.issue(wanted, duration(validFor), caller.subject());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
        for (Enrolment.IssuedClaim i : issued) {
            audit.record(
                    caller,
                    request,
                    "enrol.claim.create",
                    "gateway/" + i.claim().gatewayId(),
                    null,
                    ClaimView.of(null, i.claim()));
        }
        return issued;
    }

    private static SiteKind kind(@Nullable String wire) {
        SiteKind kind = wire == null ? null : WireNames.parse(SiteKind.class, wire.toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new BadRequestException(
                    "siteKind '" + wire + "' is unknown (allowed: " + WireNames.allowed(SiteKind.class) + ")");
        }
        return kind;
    }

    @Nullable
    private static Duration duration(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(
                    "validFor '" + text + "' is not an ISO-8601 duration (e.g. PT72H, P7D, PT30M)");
        }
    }

    @Nullable
    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
