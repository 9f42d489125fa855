package de.dos2030.iot.collector.security.audit;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.api.TimeParameter;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;

/**
 * The audit log for admins (with scope all): entries newest first with filters, as JSON or CSV
 * ({@code format=csv} or {@code Accept: text/csv}), and the check of its hash chain.
 */
@Controller("/admin/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ADMIN)
public class AuditController {
    static final int MAX_LIMIT = 10_000;
    private final AuditLog log;

    public AuditController(AuditLog log) {
        this.log = log;
    }

    @Operation(
            summary = "Audit entries, newest first; filters: actor, action, target (prefix), from, to, limit;"
                    + " CSV with format=csv")
    @Get(produces = {MediaType.APPLICATION_JSON, AuditCsv.MEDIA_TYPE})
    public HttpResponse<?> list(
            HttpRequest<?> request,
            @Nullable @QueryValue String actor,
            @Nullable @QueryValue String action,
            @Nullable @QueryValue String target,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String format) {
        if (actor != null) {
            IdParameter.require("actor", actor);
        }
        if (action != null && !action.matches("[a-z][a-z.-]{0,63}")) {
            throw new BadRequestException("action '" + action + "' is not an action name (e.g. token.issue)");
        }
        if (target != null && target.length() > 300) {
            throw new BadRequestException("target is longer than 300 characters");
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new BadRequestException("limit " + limit + " is out of range (1 to " + MAX_LIMIT + ")");
        }
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw new BadRequestException("format '" + format + "' is unknown (allowed: json, csv)");
        }
        Instant start = from == null ? null : TimeParameter.parse("from", from);
        Instant end = to == null ? null : TimeParameter.parse("to", to);
        List<AuditEntry> entries =
                log.list(new AuditLog.Query(actor, action, target, start, end, limit == null ? 1000 : limit));
        boolean csv = "csv".equals(format)
                || format == null
                        && request.getHeaders().accept().stream()
                                .anyMatch(m -> m.getName().equals(AuditCsv.MEDIA_TYPE));
        if (csv) {
            return HttpResponse.ok(AuditCsv.write(entries))
                    .contentType(AuditCsv.MEDIA_TYPE + "; charset=utf-8")
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"");
        }
        return HttpResponse.ok(entries).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Operation(
            summary = "Check the audit log's hash chain: ok, or the first broken entry and why; also the last"
                    + " entry's seq and hash to keep elsewhere")
    @Get("/verify")
    public AuditLog.Verification verify() {
        return log.verify();
    }
}
