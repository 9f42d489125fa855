package de.dos2030.iot.collector.fleet.release;

import de.dos2030.iot.collector.api.ErrorAnswer;
import de.dos2030.iot.collector.fleet.release.ReleaseStore.Release;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.security.ApiTokens;
import de.dos2030.iot.collector.security.BearerToken;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.GatewayDoor;
import de.dos2030.iot.collector.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code GET /api/v1/releases/{version}/edge-agent.jar}: a release's jar for gateways (any enabled gateway's
 * token: releases are not secret, they are signed) and for admins of scope all. Streamed from this instance's
 * cache ({@link ReleaseCache}); {@code ETag} is the quoted SHA-256 (304 on {@code If-None-Match}), and the
 * headers {@code X-Release-Sha256} and {@code X-Release-Signature} repeat what the desired state names.
 * 401 no or an unknown token, 403 an API token that is not admin of scope all, 404 no such release.
 */
@Controller("/api/v1/releases")
@GatewayDoor
public class ReleaseDownloadController {
    static final MediaType JAR = MediaType.of("application/java-archive");

    private final ReleaseStore store;
    private final ReleaseCache cache;
    private final GatewayRegistry gateways;
    private final ApiTokens tokens;

    public ReleaseDownloadController(
            ReleaseStore store, ReleaseCache cache, GatewayRegistry gateways, ApiTokens tokens) {
        this.store = store;
        this.cache = cache;
        this.gateways = gateways;
        this.tokens = tokens;
    }

    // Token and release look-ups reach the database: off the event loop.
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get(
            uri = "/{version}/edge-agent.jar",
            produces = {"application/java-archive", MediaType.APPLICATION_JSON})
    public HttpResponse<?> download(
            String version,
            @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch)
            throws IOException {
        Optional<String> token = BearerToken.fromHeader(authorization);
        if (token.isEmpty() || gateways.authenticate(token.get()).isEmpty()) {
            Optional<Caller> caller = token.flatMap(tokens::authenticate);
            if (caller.isEmpty()) {
                return error(
                                HttpStatus.UNAUTHORIZED,
                                "Authorization "
                                        + (token.isEmpty()
                                                ? "missing: send 'Authorization: Bearer <gateway token>'"
                                                : "unknown or revoked token"))
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dos-collector\"");
            }
            if (!caller.get().is(Role.ADMIN) || !caller.get().scope().isAll()) {
                return error(
                        HttpStatus.FORBIDDEN,
                        "releases are downloaded by gateways and by admins of scope 'all'; this token is '"
                                + caller.get().role().wireName() + "' of scope '"
                                + caller.get().scope().wire() + "'");
            }
        }
        Optional<Release> release =
                ReleaseIntake.VERSION.matcher(version).matches() ? store.find(version) : Optional.empty();
        if (release.isEmpty()) {
            return error(
                    HttpStatus.NOT_FOUND,
                    "no release " + ErrorAnswer.quoted(version) + ": GET /admin/releases lists the uploaded ones");
        }
        String etag = "\"" + release.get().sha256() + "\"";
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            return HttpResponse.notModified().header(HttpHeaders.ETAG, etag);
        }
        Optional<Path> jar = cache.jar(release.get());
        if (jar.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "no release " + ErrorAnswer.quoted(version));
        }
        return HttpResponse.ok(new SystemFile(jar.get().toFile(), JAR))
                .header(HttpHeaders.ETAG, etag)
                .header("X-Release-Sha256", release.get().sha256())
                .header("X-Release-Signature", release.get().signature());
    }

    /** A JSON error answer: the route also produces jars, so the type is set here. */
    private static io.micronaut.http.MutableHttpResponse<ErrorAnswer> error(HttpStatus status, String message) {
        return ErrorAnswer.of(status, message).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
