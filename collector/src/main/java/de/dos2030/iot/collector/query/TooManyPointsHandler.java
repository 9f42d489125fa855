package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.api.ErrorAnswer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** {@link TooManyPointsException} to HTTP 422: the request is understood, but its answer is too large to give. */
@Produces
@Singleton
public class TooManyPointsHandler implements ExceptionHandler<TooManyPointsException, HttpResponse<ErrorAnswer>> {
    @Override
    public HttpResponse<ErrorAnswer> handle(HttpRequest request, TooManyPointsException exception) {
        return ErrorAnswer.of(HttpStatus.UNPROCESSABLE_ENTITY, exception.getMessage());
    }
}
