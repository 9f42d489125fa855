package de.dos2030.iot.collector.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * A parameter could not be read as its type, e.g. {@code limit=ten}: HTTP 400 naming the
 * parameter, in the API's one error shape (replaces Micronaut's handler).
 */
@Produces
@Singleton
@Replaces(ConversionErrorHandler.class)
public class UnreadableParameterHandler
        implements ExceptionHandler<ConversionErrorException, HttpResponse<ErrorAnswer>> {
    @Override
    public HttpResponse<ErrorAnswer> handle(HttpRequest request, ConversionErrorException exception) {
        Object value = exception.getConversionError().getOriginalValue().orElse(null);
        String type = exception.getArgument().getType().getSimpleName().toLowerCase(Locale.ROOT);
        return ErrorAnswer.of(
                HttpStatus.BAD_REQUEST,
                exception.getArgument().getName() + " " + ErrorAnswer.quoted(value) + " is not a valid " + type);
    }
}
