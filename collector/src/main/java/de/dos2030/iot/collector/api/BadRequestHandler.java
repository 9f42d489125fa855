package de.dos2030.iot.collector.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** {@link BadRequestException} to HTTP 400 with its message. */
@Produces
@Singleton
public class BadRequestHandler implements ExceptionHandler<BadRequestException, HttpResponse<ErrorAnswer>> {
    @Override
    public HttpResponse<ErrorAnswer> handle(HttpRequest request, BadRequestException exception) {
        return ErrorAnswer.of(HttpStatus.BAD_REQUEST, exception.getMessage());
    }
}
