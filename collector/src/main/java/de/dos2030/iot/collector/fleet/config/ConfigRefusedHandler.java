package de.dos2030.iot.collector.fleet.config;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@link ConfigRefused} to HTTP 422 {@code application/problem+json} (RFC 9457) with the problems listed,
 * and the collector's usual {@code error} sentence beside them.
 */
@Produces
@Singleton
public class ConfigRefusedHandler
        implements ExceptionHandler<ConfigRefused, HttpResponse<ConfigRefusedHandler.Problem>> {
    static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    /** The answer: {@code title}, {@code status}, {@code detail} and the {@code problems}, one per line of validate. */
    @Serdeable
    public record Problem(String type, String title, int status, String detail, String error, List<String> problems) {}

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConfigRefused e) {
        return HttpResponse.<Problem>status(HttpStatus.UNPROCESSABLE_ENTITY)
                .contentType(PROBLEM_JSON)
                .body(new Problem(
                        "about:blank",
                        "Invalid gateway configuration",
                        422,
                        e.getMessage(),
                        e.getMessage() + ": " + String.join("; ", e.problems()),
                        e.problems()));
    }
}
