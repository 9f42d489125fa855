package de.dos2030.iot.collector.ingest.coap;

import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.ingest.Door;
import de.dos2030.iot.collector.ingest.IngestAnswer;
import de.dos2030.iot.collector.ingest.IngestOutcome;
import de.dos2030.iot.collector.ingest.IngestService;
import de.dos2030.iot.collector.ingest.RejectKind;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /batches}: 2.04 with the summary, 4.00 with reasons, 4.01, 4.03, 4.13, 4.15, 4.29
 * with Max-Age when the gateway is over its rate, and 5.03 with Max-Age when InfluxDB did not
 * accept it. The summary is JSON (content-format 50).
 * The sender is the DTLS PSK identity; on plain CoAP (development) the Uri-Query {@code token=}
 * ({@link CoapCredentials}).
 */
final class BatchesResource extends CoapResource {
    private static final Logger LOG = LoggerFactory.getLogger(BatchesResource.class);

    private final IngestService ingest;
    private final CoapCredentials credentials;
    private final JsonMapper json;
    private final int maxPayloadBytes;

    BatchesResource(IngestService ingest, CoapCredentials credentials, JsonMapper json, int maxPayloadBytes) {
        super("batches");
        this.ingest = ingest;
        this.credentials = credentials;
        this.json = json;
        this.maxPayloadBytes = maxPayloadBytes;
        getAttributes().setTitle("DOS IoT batches: POST CBOR (60) or JSON (50)");
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        CompletionStage<IngestOutcome> outcome;
        try {
            outcome = handle(exchange);
        } catch (RuntimeException e) {
            LOG.error("CoAP door failed on a request from {}", exchange.getSourceSocketAddress(), e);
            exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR);
            return;
        }
        outcome.whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.error("CoAP door: ingest failed unexpectedly", failure);
                exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR);
            } else {
                respond(exchange, result);
            }
        });
    }

    private CompletionStage<IngestOutcome> handle(CoapExchange exchange) {
        Optional<Gateway> sender = credentials.sender(exchange.advanced().getRequest());
        if (sender.isEmpty()) {
            return CompletableFuture.completedFuture(
                    IngestOutcome.Rejected.of(
                            RejectKind.UNAUTHORIZED,
                            "token",
                            "no gateway credentials: use CoAPS with the gateway's PSK, or ?token= where plain CoAP is enabled"));
        }
        byte[] payload = exchange.getRequestPayload() == null ? new byte[0] : exchange.getRequestPayload();
        return ingest.ingest(
                Door.COAP,
                sender.get(),
                codecOf(exchange.getRequestOptions().getContentFormat(), payload),
                payload,
                maxPayloadBytes);
    }

    private static BatchCodec codecOf(int contentFormat, byte[] payload) {
        if (contentFormat == MediaTypeRegistry.APPLICATION_CBOR) {
            return BatchCodec.cbor();
        }
        if (contentFormat == MediaTypeRegistry.APPLICATION_JSON) {
            return BatchCodec.json();
        }
        if (contentFormat == MediaTypeRegistry.UNDEFINED) {
            return payload.length > 0 && payload[0] == '{' ? BatchCodec.json() : BatchCodec.cbor();
        }
        return null;
    }

    private void respond(CoapExchange exchange, IngestOutcome outcome) {
        ResponseCode code;
        if (outcome instanceof IngestOutcome.Stored) {
            code = ResponseCode.CHANGED;
        } else if (outcome instanceof IngestOutcome.TryLater) {
            code = ResponseCode.SERVICE_UNAVAILABLE;
        } else if (outcome instanceof IngestOutcome.TooMany) {
            code = ResponseCode.TOO_MANY_REQUESTS;
        } else {
            code = switch (((IngestOutcome.Rejected) outcome).kind()) {
                case BAD_REQUEST -> ResponseCode.BAD_REQUEST;
                case UNAUTHORIZED -> ResponseCode.UNAUTHORIZED;
                case FORBIDDEN -> ResponseCode.FORBIDDEN;
                case TOO_LARGE -> ResponseCode.REQUEST_ENTITY_TOO_LARGE;
                case UNSUPPORTED_FORMAT -> ResponseCode.UNSUPPORTED_CONTENT_FORMAT;
            };
        }
        try {
            Response response = new Response(code);
            response.setPayload(json.writeValueAsBytes(IngestAnswer.of(outcome)));
            response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
            if (outcome instanceof IngestOutcome.TryLater t) {
                response.getOptions().setMaxAge(IngestAnswer.retryAfterSeconds(t.retryAfter()));
            } else if (outcome instanceof IngestOutcome.TooMany t) {
                response.getOptions().setMaxAge(IngestAnswer.retryAfterSeconds(t.retryAfter()));
            }
            exchange.respond(response);
        } catch (IOException e) {
            LOG.error("CoAP door could not encode its answer", e);
            exchange.respond(code);
        }
    }
}
