package de.dos2030.iot.collector.fleet.config;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ErrorAnswer;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.audit.Audit;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A gateway's desired configuration (role admin): {@code PUT /admin/gateways/{id}/config} with the gateway file
 * as the body ({@code text/yaml} or {@code text/plain}, UTF-8, at most 256 KiB) answers 200 {@code {version}}, or
 * 422 {@code application/problem+json} with every problem as {@code firmware-config validate} prints it;
 * {@code GET} gives the file back with its version as ETag; {@code DELETE} leaves the gateway without one.
 */
@Controller("/admin/gateways/{id}/config")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ADMIN)
public class DesiredConfigController {
    static final String YAML = "text/yaml";
    static final java.util.List<String> ACCEPTED =
            java.util.List.of(YAML, MediaType.TEXT_PLAIN, "application/yaml", "application/x-yaml");

    private final GatewayRegistry registry;
    private final DesiredConfigs configs;
    private final Audit audit;

    public DesiredConfigController(GatewayRegistry registry, DesiredConfigs configs, Audit audit) {
        this.registry = registry;
        this.configs = configs;
        this.audit = audit;
    }

    /** What a set answers and the audit log keeps (not the file: it may be 256 KiB). */
    @Serdeable
    public record Stored(String gatewayId, String version, String setBy, Instant setAt) {
        static Stored of(DesiredConfig c) {
            return new Stored(c.gatewayId(), c.version(), c.setBy(), c.setAt());
        }
    }

    // Any content type reaches the method, so that the access filter answers first (401/403) and a wrong type
    // gets a 415 that names the allowed ones.
    @Put(consumes = MediaType.ALL)
    public HttpResponse<?> put(HttpRequest<?> request, String id, @Nullable @Body byte[] body) {
        String type = request.getContentType()
                .map(t -> t.getType() + "/" + t.getSubtype())
                .orElse("");
        if (!ACCEPTED.contains(type)) {
            return ErrorAnswer.of(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + ErrorAnswer.quoted(type) + " is not a gateway file (allowed: "
                            + String.join(", ", ACCEPTED) + ")");
        }
        Gateway gateway = gateway(id);
        if (body == null || body.length == 0) {
            throw new BadRequestException("body is empty: send the gateway file (text/yaml)");
        }
        if (body.length > DesiredConfigs.MAX_BYTES) {
            throw new BadRequestException(
                    "body has " + body.length + " bytes: a gateway file may have at most " + DesiredConfigs.MAX_BYTES);
        }
        String yaml = utf8(body);
        Stored before = configs.find(id).map(Stored::of).orElse(null);
        Caller caller = Caller.of(request);
        DesiredConfig c = configs.set(gateway, yaml, caller.subject(), null);
        audit.record(caller, request, "gateway-config.set", "gateway/" + id + "/config", before, Stored.of(c));
        return HttpResponse.ok(Stored.of(c));
    }

    @Get(produces = YAML)
    public HttpResponse<String> get(String id, @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        gateway(id);
        DesiredConfig c = configs.find(id)
                .orElseThrow(() -> new NotFoundException("gateway '" + id + "' has no desired configuration"));
        String etag = "\"" + c.version() + "\"";
        if (etag.equals(ifNoneMatch)) {
            return HttpResponse.<String>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag);
        }
        return HttpResponse.ok(c.yaml())
                .contentType(MediaType.of(YAML + ";charset=utf-8"))
                .header(HttpHeaders.ETAG, etag);
    }

    @Delete
    public HttpResponse<Void> delete(HttpRequest<?> request, String id) {
        gateway(id);
        Stored before = configs.find(id).map(Stored::of).orElse(null);
        if (!configs.delete(id)) {
            throw new NotFoundException("gateway '" + id + "' has no desired configuration");
        }
        audit.record(Caller.of(request), request, "gateway-config.delete", "gateway/" + id + "/config", before, null);
        return HttpResponse.noContent();
    }

    private Gateway gateway(String id) {
        return registry.find(id).orElseThrow(() -> new NotFoundException("no gateway '" + id + "'"));
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("body is not UTF-8: save the gateway file as UTF-8");
        }
    }
}
