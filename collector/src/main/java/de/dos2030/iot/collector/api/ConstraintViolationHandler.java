package de.dos2030.iot.collector.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * A request bean's jakarta constraints failed: HTTP 400 with every broken parameter as
 * {@code name 'value' rule}, e.g. {@code ruleId 'x y' is not a valid id: ...}, joined by "; ".
 * Replaces Micronaut's handler so that these answers have the API's one error shape.
 */
@Produces
@Singleton
@Replaces(ConstraintExceptionHandler.class)
public class ConstraintViolationHandler
        implements ExceptionHandler<ConstraintViolationException, HttpResponse<ErrorAnswer>> {
    @Override
    public HttpResponse<ErrorAnswer> handle(HttpRequest request, ConstraintViolationException exception) {
        String message = exception.getConstraintViolations().stream()
                .map(ConstraintViolationHandler::describe)
                .sorted(Comparator.naturalOrder())
                .collect(Collectors.joining("; "));
        return ErrorAnswer.of(HttpStatus.BAD_REQUEST, message);
    }

    private static String describe(ConstraintViolation<?> violation) {
        String parameter = "";
        for (Path.Node node : violation.getPropertyPath()) {
            parameter = node.getName(); // the last node: the parameter, not the method and bean around it
        }
        return parameter + " " + ErrorAnswer.quoted(violation.getInvalidValue()) + " " + violation.getMessage();
    }
}
