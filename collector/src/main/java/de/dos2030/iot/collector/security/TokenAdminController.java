package de.dos2030.iot.collector.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

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
    public HttpResponse<?> issue(HttpRequest<?> request, @Body TokenRequest body) {
        Role role = Role.parse(body.role());
        if (role == null) {
            return error(
                    HttpStatus.BAD_REQUEST, "role '" + body.role() + "' is unknown (allowed: viewer, engineer, admin)");
        }
        try {
            return HttpResponse.created(
                    tokens.issue(body.id(), body.name() == null ? body.id() : body.name(), role, Caller.of(request)));
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            return error(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    @Get
    public List<ApiToken> list() {
        return tokens.list();
    }

    @Delete("/{id}")
    public HttpResponse<?> revoke(String id) {
        return tokens.revoke(id)
                ? HttpResponse.noContent()
                : error(HttpStatus.NOT_FOUND, "no active token '" + id + "'");
    }

    private static HttpResponse<?> error(HttpStatus status, String message) {
        return HttpResponse.status(status).body(Map.of("error", message));
    }
}
