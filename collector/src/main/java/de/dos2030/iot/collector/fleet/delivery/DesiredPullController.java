package de.dos2030.iot.collector.fleet.delivery;

import de.dos2030.iot.collector.api.ErrorAnswer;
import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.security.BearerToken;
import de.dos2030.iot.collector.security.GatewayDoor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Arrays;
import java.util.Optional;

/**
 * HTTP pull of the desired state, for gateways on CoAP or HTTP uplinks: {@code GET /api/v1/gateway/desired}
 * with the gateway's bearer token. The gateway is the token's, never named in the URL. 200 with the document
 * (the bytes MQTT carries) and its {@code ETag}; 304 when {@code If-None-Match} names that ETag; 204 when
 * nothing is desired; 401 without a valid gateway token.
 */
@Controller("/api/v1/gateway")
@GatewayDoor
public class DesiredPullController {
    private final GatewayRegistry registry;
    private final DesiredStates states;

    public DesiredPullController(GatewayRegistry registry, DesiredStates states) {
        this.registry = registry;
        this.states = states;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get(uri = "/desired", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> desired(
            @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Optional<Gateway> gateway = BearerToken.fromHeader(authorization).flatMap(registry::authenticate);
        if (gateway.isEmpty()) {
            return ErrorAnswer.of(
                            HttpStatus.UNAUTHORIZED,
                            "Authorization "
                                    + (authorization == null
                                            ? "missing: send 'Authorization: Bearer <gateway token>'"
                                            : "unknown or revoked gateway token"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dos-collector\"");
        }
        DesiredStates.Encoded doc = states.of(gateway.get().id());
        if (doc.document().isEmpty()) {
            return HttpResponse.noContent();
        }
        String etag = doc.etag();
        if (ifNoneMatch != null
                && Arrays.stream(ifNoneMatch.split(","))
                        .map(String::trim)
                        .anyMatch(t -> t.equals(etag) || t.equals("*"))) {
            return HttpResponse.status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag);
        }
        return HttpResponse.ok(doc.json())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
