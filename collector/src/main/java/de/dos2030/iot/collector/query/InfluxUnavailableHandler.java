package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.api.ErrorAnswer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InfluxDB did not answer a query or refused it ({@link InfluxReader.QueryFailedException}): HTTP
 * 503 with {@code Retry-After}, never the caller's fault. Lives here, not in {@code api}, because
 * the exception is the query package's own.
 */
@Produces
@Singleton
public class InfluxUnavailableHandler
        implements ExceptionHandler<InfluxReader.QueryFailedException, HttpResponse<ErrorAnswer>> {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxUnavailableHandler.class);

    @Override
    public HttpResponse<ErrorAnswer> handle(HttpRequest request, InfluxReader.QueryFailedException exception) {
        LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), exception.getMessage());
        return ErrorAnswer.tryLater(exception.getMessage());
    }
}
