package de.dos2030.iot.collector.gateways.enrol;

import de.dos2030.iot.collector.api.ErrorAnswer;
import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.security.Public;
import de.dos2030.iot.collector.security.audit.Audit;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.net.InetSocketAddress;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateways' enrolment door: a claim code in, the gateway's credentials out, once. No token (the code
 * is the credential); wrong codes are throttled per client address ({@link FailedAttempts}). Each
 * {@link Redemption} is mapped to a status here and nowhere else: 200 enrolled; 400 not a code; 403 the
 * code is for another gateway; 404 unknown code; 409 used, or the gateway is registered elsewhere; 410
 * expired; 429 too many wrong codes ({@code Retry-After}).
 */
@Controller("/api/v1/enroll")
@ExecuteOn(TaskExecutors.BLOCKING)
@Public
public class EnrolController {
    private static final Logger LOG = LoggerFactory.getLogger(EnrolController.class);
    private final Enrolment enrolment;
    private final EnrolConfig config;
    private final Audit audit;

    public EnrolController(Enrolment enrolment, EnrolConfig config, Audit audit) {
        this.enrolment = enrolment;
        this.config = config;
        this.audit = audit;
    }

    /**
     * @param code      the claim code as typed ({@code 7KQ2-M9XD-4HTR-C0VW}; case, spaces and dashes do not matter)
     * @param gatewayId the id the gateway has in its configuration, if it knows it: a code for another
     *                  gateway is then refused and stays open
     * @param siteId    likewise the site id of its configuration, if known
     */
    @Serdeable
    public record EnrolRequest(
            @Nullable String code,
            @Nullable String gatewayId,
            @Nullable String siteId) {}

    /**
     * The credentials, shown once. {@code token} is the HTTP bearer token, MQTT password (user
     * {@code mqttUsername}) and the source of the CoAPS key; {@code collector} lists the endpoints the
     * operator configured ({@code http}, {@code mqtt}, {@code coap}), empty when none.
     */
    @Serdeable
    public record Enrolled(
            String gatewayId,
            String siteId,
            String siteKind,
            @Nullable String location,
            String token,
            String mqttUsername,
            boolean reEnrolled,
            Map<String, String> collector) {}

    /** What the audit log keeps of an enrolment: no token. */
    @Serdeable
    record EnrolledRecord(
            String gatewayId,
            String siteId,
            String siteKind,
            @Nullable String location,
            boolean reEnrolled) {}

    @Operation(
            summary = "Enrol a gateway (no token): trade a one-time claim code for the gateway's credentials."
                    + " 400 not a code, 403 code for another gateway, 404 unknown, 409 used, 410 expired,"
                    + " 429 too many wrong codes from this address")
    @Post
    public HttpResponse<?> enroll(HttpRequest<?> request, @Body EnrolRequest body) {
        String client = clientOf(request);
        if (body.code() == null || body.code().isBlank()) {
            return ErrorAnswer.of(HttpStatus.BAD_REQUEST, "code is missing: send {\"code\": \"XXXX-XXXX-XXXX-XXXX\"}");
        }
        for (String[] named :
                new String[][] {{"gatewayId", blankToNull(body.gatewayId())}, {"siteId", blankToNull(body.siteId())}}) {
            if (named[1] != null && !Claim.isId(named[1])) {
                return ErrorAnswer.of(
                        HttpStatus.BAD_REQUEST,
                        named[0] + " " + ErrorAnswer.quoted(named[1])
                                + " is not a valid id (1 to 64 of A-Z a-z 0-9 . _ -"
                                + " starting with a letter or digit)");
            }
        }
        Redemption outcome =
                enrolment.redeem(body.code(), blankToNull(body.gatewayId()), blankToNull(body.siteId()), client);
        if (!(outcome instanceof Redemption.Enrolled)) {
            LOG.warn("enrolment from {} refused: {}", client, outcome);
        }
        if (outcome instanceof Redemption.Enrolled e) {
            return enrolled(client, e);
        }
        return refusal(outcome, body.code());
    }

    /** The answer to every outcome but {@link Redemption.Enrolled}: status and what to do. */
    static HttpResponse<ErrorAnswer> refusal(Redemption outcome, String code) {
        if (outcome instanceof Redemption.Malformed) {
            return ErrorAnswer.of(
                    HttpStatus.BAD_REQUEST,
                    "claim code " + ErrorAnswer.quoted(code) + " is not a claim code: it has 16 letters and"
                            + " digits in four groups, e.g. 7KQ2-M9XD-4HTR-C0VW");
        } else if (outcome instanceof Redemption.Unknown) {
            return ErrorAnswer.of(
                    HttpStatus.NOT_FOUND,
                    "claim code is not known: check it character by character, or ask the operator for a new"
                            + " one (a newer code for the same gateway replaces older ones)");
        } else if (outcome instanceof Redemption.Used u) {
            return ErrorAnswer.of(
                    HttpStatus.CONFLICT,
                    "claim code was already used at " + u.at() + ": each code works once; ask the operator for a"
                            + " new one");
        } else if (outcome instanceof Redemption.Expired x) {
            return ErrorAnswer.of(
                    HttpStatus.GONE, "claim code expired at " + x.at() + ": ask the operator for a new one");
        } else if (outcome instanceof Redemption.OtherGateway o) {
            return ErrorAnswer.of(
                    HttpStatus.FORBIDDEN,
                    "claim code is for " + o.claimed() + ", not " + o.asked()
                            + ": use the code issued for this gateway, or fix the ids in its configuration");
        } else if (outcome instanceof Redemption.Conflict c) {
            return ErrorAnswer.of(HttpStatus.CONFLICT, c.message());
        } else if (outcome instanceof Redemption.Throttled t) {
            return ErrorAnswer.of(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "too many wrong claim codes from this address: try again in "
                                    + t.retryAfter().toSeconds() + " s")
                    .header(
                            HttpHeaders.RETRY_AFTER,
                            Long.toString(t.retryAfter().toSeconds()));
        }
        throw new IllegalStateException("unmapped enrolment outcome " + outcome);
    }

    private HttpResponse<Enrolled> enrolled(String client, Redemption.Enrolled e) {
        Gateway g = e.issued().gateway();
        Claim c = e.claim();
        audit.record(
                g.id(),
                "gateway",
                client,
                "enrol.redeem",
                "gateway/" + g.id(),
                null,
                new EnrolledRecord(g.id(), g.siteId(), g.siteKind().wireName(), c.location(), e.reEnrolled()));
        return HttpResponse.ok(new Enrolled(
                g.id(),
                g.siteId(),
                g.siteKind().wireName(),
                c.location(),
                e.issued().token(),
                g.id(),
                e.reEnrolled(),
                config.endpoints()));
    }

    private static String clientOf(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    @Nullable
    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
