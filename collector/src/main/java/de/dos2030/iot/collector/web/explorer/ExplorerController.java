package de.dos2030.iot.collector.web.explorer;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.query.SeriesAnswer;
import de.dos2030.iot.collector.query.SeriesColumns;
import de.dos2030.iot.collector.query.SeriesQuery;
import de.dos2030.iot.collector.query.SeriesService;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.web.Curve;
import de.dos2030.iot.collector.web.Pages;
import de.dos2030.iot.collector.web.classroom.ClassroomController;
import de.dos2030.iot.collector.web.session.PageAccess;
import de.dos2030.iot.collector.web.session.SiteAccess;
import de.dos2030.iot.collector.web.session.WebSession;
import de.dos2030.iot.model.Quantity;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The explorer ({@code /explorer}, viewer and up): a GET form of the series API's parameters; the
 * answer as charts with their tables, the exact API URL, a CSV link ({@code /explorer.csv}, the API's
 * CSV) and the tiers it was read from. A refused parameter shows GOV.UK-style: an error summary at
 * the top and the message beside its field (status 400).
 */
@Controller
@Hidden
@ExecuteOn(TaskExecutors.BLOCKING)
@PageAccess(Role.VIEWER)
public class ExplorerController {
    /** Charts shown at most; the table and CSV hold every series. */
    static final int MAX_CHARTS = 6;

    private final SeriesService series;
    private final PlaceDirectory places;
    private final Pages pages;
    private final Clock clock;

    public ExplorerController(SeriesService series, PlaceDirectory places, Pages pages, Clock clock) {
        this.series = series;
        this.places = places;
        this.pages = pages;
        this.clock = clock;
    }

    @Get(value = "/explorer", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> explorer(HttpRequest<?> request, @RequestBean ExplorerForm form) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put(
                "sites",
                places.sites().values().stream()
                        .filter(s -> SiteAccess.live(request, s.id(), s.kind()))
                        .toList());
        model.put(
                "quantities",
                Arrays.stream(Quantity.values()).map(Quantity::wireName).toList());
        model.put("ranges", ExplorerForm.RANGES);
        model.put("windows", ExplorerForm.WINDOWS);
        model.put("aggregates", ExplorerForm.AGGREGATES);
        List<ExplorerForm.FieldError> errors = new ArrayList<>();
        if (form.asked()) {
            try {
                SeriesQuery q = form.query(clock.instant());
                SeriesAnswer a = series.run(q, WebSession.required(request).scope());
                List<Curve> curves = new ArrayList<>();
                List<String> labels = new ArrayList<>();
                String csv = "/explorer.csv?" + form.formParameters();
                for (SeriesColumns s : a.series()) {
                    if (curves.size() < MAX_CHARTS) {
                        curves.add(Curve.of(a, s.sensor(), List.of(), csv));
                        labels.add(s.gateway() + " / " + s.sensor());
                    }
                }
                model.put("answer", a);
                model.put("curves", curves);
                model.put("labels", labels);
                model.put("csvUrl", csv);
                model.put("apiUrl", "/api/v1/series?" + ExplorerForm.apiParameters(q));
                model.put(Pages.ZONE, a.zone());
            } catch (BadRequestException e) {
                errors.add(ExplorerForm.errorOf(e));
            }
        }
        model.put("errors", errors);
        Map<String, ExplorerForm.FieldError> errorOf = new HashMap<>();
        errors.forEach(e -> errorOf.put(e.field(), e));
        model.put("errorOf", errorOf);
        return pages.render(
                request, errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST, "explorer/explorer", model);
    }

    @Get(value = "/explorer.csv", produces = "text/csv")
    public HttpResponse<?> csv(HttpRequest<?> request, @RequestBean ExplorerForm form) {
        SeriesQuery q = form.query(clock.instant());
        return ClassroomController.csv(
                series.run(q, WebSession.required(request).scope()),
                q.quantity().wireName() + ".csv");
    }
}
