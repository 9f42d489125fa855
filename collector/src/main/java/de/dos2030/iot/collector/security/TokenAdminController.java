package de.dos2030.iot.collector.security;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ConflictException;
import de.dos2030.iot.collector.api.NotFoundException;
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

/** API tokens (role admin): issue (the token is shown once), list, revoke. */
@Controller("/admin/tokens")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ADMIN)
public class TokenAdminController {
    private final ApiTokens tokens;

    public TokenAdminController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /** {@code role}: viewer, engineer or admin. */
    @Serdeable
    public record TokenRequest(
            @Nullable String id,
            @Nullable String name,
            @Nullable String role) {}

    @Post
    public HttpResponse<ApiToken> issue(HttpRequest<?> request, @Body TokenRequest body) {
        Role role = Role.parse(body.role());
        if (role == null) {
            throw new BadRequestException("role '" + body.role() + "' is unknown (allowed: viewer, engineer, admin)");
        }
        try {
            return HttpResponse.created(
                    tokens.issue(body.id(), body.name() == null ? body.id() : body.name(), role, Caller.of(request)));
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
    public HttpResponse<Void> revoke(String id) {
        if (!tokens.revoke(id)) {
            throw new NotFoundException("no active token '" + id + "'");
        }
        return HttpResponse.noContent();
    }
}
