package de.dos2030.iot.collector.security;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ConflictException;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.security.audit.Audit;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** API tokens (role admin): issue with a role and a scope (the token is shown once), list, revoke; each change audited. */
@Controller("/admin/tokens")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ADMIN)
public class TokenAdminController {
    private final ApiTokens tokens;
    private final Audit audit;

    public TokenAdminController(ApiTokens tokens, Audit audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    /**
     * {@code role}: viewer, engineer or admin; {@code scope}: all (default), kind:school, kind:bridge or
     * sites:&lt;id&gt;,&lt;id&gt; ({@link Scope}).
     */
    @Serdeable
    public record TokenRequest(
            @Nullable String id,
            @Nullable String name,
            @Nullable String role,
            @Nullable String scope) {}

    @Post
    public HttpResponse<ApiToken> issue(HttpRequest<?> request, @Body TokenRequest body) {
        Role role = Role.parse(body.role());
        if (role == null) {
            throw new BadRequestException("role '" + body.role() + "' is unknown (allowed: viewer, engineer, admin)");
        }
        try {
            Scope scope = Scope.parse(body.scope());
            ApiToken issued = tokens.issue(
                    body.id(), body.name() == null ? body.id() : body.name(), role, scope, Caller.of(request));
            audit.record(Caller.of(request), request, "token.issue", "token/" + issued.id(), null, issued);
            return HttpResponse.created(issued);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    @Get
    public List<ApiToken> list() {
        return tokens.list();
    }

    @Delete("/{id}")
    public HttpResponse<Void> revoke(HttpRequest<?> request, String id) {
        ApiToken before = find(id);
        if (!tokens.revoke(id)) {
            throw new NotFoundException("no active token '" + id + "'");
        }
        audit.record(Caller.of(request), request, "token.revoke", "token/" + id, before, find(id));
        return HttpResponse.noContent();
    }

    @Nullable
    private ApiToken find(String id) {
        return tokens.list().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }
}
