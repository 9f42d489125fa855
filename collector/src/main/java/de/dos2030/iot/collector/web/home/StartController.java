package de.dos2030.iot.collector.web.home;

import de.dos2030.iot.collector.web.Pages;
import de.dos2030.iot.collector.web.session.OpenPage;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;

/**
 * The collector's start page: what the system is, the pages for people (sign in first) and, for
 * scripts, the API documentation. It replaces the former static root page and keeps its links.
 */
@Controller
@Hidden
@Produces(MediaType.TEXT_HTML)
@OpenPage
public class StartController {
    private final Pages pages;

    public StartController(Pages pages) {
        this.pages = pages;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<String> start(HttpRequest<?> request) {
        return pages.ok(request, "start", Map.of());
    }
}
