package de.dos2030.iot.collector.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** {@link NotFoundException} to HTTP 404 with its message. */
@Produces
@Singleton
public class NotFoundHandler implements ExceptionHandler<NotFoundException, HttpResponse<ErrorAnswer>> {
    @Override
    public HttpResponse<ErrorAnswer> handle(HttpRequest request, NotFoundException exception) {
        return ErrorAnswer.of(HttpStatus.NOT_FOUND, exception.getMessage());
    }
}
