package de.dos2030.iot.collector.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** {@link ConflictException} to HTTP 409 with its message. */
@Produces
@Singleton
public class ConflictHandler implements ExceptionHandler<ConflictException, HttpResponse<ErrorAnswer>> {
    @Override
    public HttpResponse<ErrorAnswer> handle(HttpRequest request, ConflictException exception) {
        return ErrorAnswer.of(HttpStatus.CONFLICT, exception.getMessage());
    }
}
