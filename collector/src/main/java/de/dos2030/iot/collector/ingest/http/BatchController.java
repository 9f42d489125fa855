package de.dos2030.iot.collector.ingest.http;

import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.ingest.Door;
import de.dos2030.iot.collector.ingest.IngestAnswer;
import de.dos2030.iot.collector.ingest.IngestOutcome;
import de.dos2030.iot.collector.ingest.IngestService;
import de.dos2030.iot.collector.ingest.RejectKind;
import de.dos2030.iot.collector.security.BearerToken;
import de.dos2030.iot.collector.security.GatewayDoor;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * HTTP door: {@code POST /api/v1/batches} with a JSON or CBOR batch and the gateway's bearer token.
 * 200 stored (with the summary), 400 malformed or invalid envelope (with reasons), 401 no or a
 * wrong token, 403 a batch claiming another gateway or site, 413 too large, 415 not JSON/CBOR,
 * 429 with Retry-After when the gateway is over its rate, 503 with Retry-After when InfluxDB did
 * not accept it.
 */
@Controller("/api/v1")
@GatewayDoor
public class BatchController {
    private final IngestService ingest;
    private final GatewayRegistry registry;
    private final HttpIngestConfig config;

    public BatchController(IngestService ingest, GatewayRegistry registry, HttpIngestConfig config) {
        this.ingest = ingest;
        this.registry = registry;
        this.config = config;
    }

    // The registry look-up may hit the database: off the event loop.
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(uri = "/batches", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletionStage<MutableHttpResponse<IngestAnswer>> post(
            @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
            @Nullable @Body byte[] body) {
        Optional<Gateway> sender = BearerToken.fromHeader(authorization).flatMap(registry::authenticate);
        if (sender.isEmpty()) {
            IngestOutcome.Rejected refused = IngestOutcome.Rejected.of(
                    RejectKind.UNAUTHORIZED,
                    "Authorization",
                    authorization == null
                            ? "missing: send 'Authorization: Bearer <gateway token>'"
                            : "unknown or revoked token");
            return CompletableFuture.completedFuture(respond(refused));
        }
        byte[] payload = body == null ? new byte[0] : body;
        return ingest.ingest(
                        Door.HTTP,
                        sender.get(),
                        BatchCodec.forMediaType(contentType),
                        payload,
                        config.maxPayloadBytes())
                .thenApply(BatchController::respond);
    }

    static MutableHttpResponse<IngestAnswer> respond(IngestOutcome outcome) {
        IngestAnswer answer = IngestAnswer.of(outcome);
        if (outcome instanceof IngestOutcome.Stored) {
            return HttpResponse.ok(answer);
        }
        if (outcome instanceof IngestOutcome.TryLater t) {
            return HttpResponse.<IngestAnswer>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(answer)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(IngestAnswer.retryAfterSeconds(t.retryAfter())));
        }
        if (outcome instanceof IngestOutcome.TooMany t) {
            return HttpResponse.<IngestAnswer>status(HttpStatus.TOO_MANY_REQUESTS)
                    .body(answer)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(IngestAnswer.retryAfterSeconds(t.retryAfter())));
        }
        IngestOutcome.Rejected r = (IngestOutcome.Rejected) outcome;
        MutableHttpResponse<IngestAnswer> response = HttpResponse.<IngestAnswer>status(
                        switch (r.kind()) {
                            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
                            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
                            case FORBIDDEN -> HttpStatus.FORBIDDEN;
                            case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
                            case UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
                        })
                .body(answer);
        if (r.kind() == RejectKind.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dos-collector\"");
        }
        return response;
    }
}
