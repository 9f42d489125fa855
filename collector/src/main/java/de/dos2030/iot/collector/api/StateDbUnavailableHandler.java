package de.dos2030.iot.collector.api;

import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relational database did not answer: HTTP 503 with {@code Retry-After}. The caller hears only
 * that it should try again; the cause goes to the log, as it may name tables and hosts.
 */
@Produces
@Singleton
public class StateDbUnavailableHandler
        implements ExceptionHandler<RelationalStore.StoreException, HttpResponse<ErrorAnswer>> {
    private static final Logger LOG = LoggerFactory.getLogger(StateDbUnavailableHandler.class);

    @Override
    public HttpResponse<ErrorAnswer> handle(HttpRequest request, RelationalStore.StoreException exception) {
        LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), exception.getMessage());
        return ErrorAnswer.tryLater("relational store unavailable: try again");
    }
}
