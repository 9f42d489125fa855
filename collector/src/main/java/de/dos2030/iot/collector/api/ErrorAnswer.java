package de.dos2030.iot.collector.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of every error answer of the API: {@code {"error": "what went wrong and what to do"}}.
 *
 * @param error one sentence for the caller, naming the parameter and what is allowed
 */
@Serdeable
public record ErrorAnswer(String error) {
    /** Seconds a client should wait before it asks again after a 503. */
    private static final String RETRY_AFTER_SECONDS = "10";

    /** An answer with this status and message. */
    public static MutableHttpResponse<ErrorAnswer> of(HttpStatus status, String message) {
        return HttpResponse.<ErrorAnswer>status(status).body(new ErrorAnswer(message));
    }

    /** 503 with {@code Retry-After}: a dependency is down, not the caller's fault. */
    public static MutableHttpResponse<ErrorAnswer> tryLater(String message) {
        return of(HttpStatus.SERVICE_UNAVAILABLE, message).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    /**
     * A caller's value as an error message shows it: in quotes, cut at 80 characters, control
     * characters replaced, so that an answer (or a log line) cannot be forged through it.
     */
    public static String quoted(Object value) {
        if (value == null) {
            return "''";
        }
        String text = value.toString();
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
