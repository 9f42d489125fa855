package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.web.session.OpenPage;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * A path nobody serves: a 404 page in the person's language for everything but the API, the
 * management endpoints and the API documentation, which keep their JSON answers.
 */
@Controller
@Hidden
@OpenPage
public class PageNotFound {
    private final Pages pages;
    private final ErrorResponseProcessor<?> errors;

    public PageNotFound(Pages pages, ErrorResponseProcessor<?> errors) {
        this.pages = pages;
        this.errors = errors;
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    public HttpResponse<?> notFound(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.startsWith("/api/")
                || path.equals("/api")
                || path.startsWith("/admin/")
                || path.startsWith("/swagger")
                || path.startsWith("/health")
                || path.startsWith("/prometheus")) {
            // what Micronaut answers without this handler
            return errors.processResponse(
                    ErrorContext.builder(request).errorMessage("Page Not Found").build(), HttpResponse.notFound());
        }
        return pages.problem(request, HttpStatus.NOT_FOUND, null);
    }
}
