package de.dos2030.iot.collector.web.bridge;

import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.condition.ConditionService;
import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.query.SeriesAnswer;
import de.dos2030.iot.collector.web.Pages;
import de.dos2030.iot.collector.web.SitesOfKind;
import de.dos2030.iot.collector.web.classroom.ClassroomController;
import de.dos2030.iot.collector.web.session.OpenPage;
import de.dos2030.iot.collector.web.session.SiteAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge pages: the bridges ({@code /bruecken}) and one bridge ({@code /bruecken/{site}}, English
 * {@code /bridges/{site}}) with {@code zeitraum} tag, monat or jahr; a section's trend as CSV
 * ({@code /bruecken/{site}/{section}/{quantity}.csv}). Open for a public site, otherwise for anyone
 * signed in ({@link SiteAccess}).
 */
@Controller
@Hidden
@ExecuteOn(TaskExecutors.BLOCKING)
@OpenPage
public class BridgeController {
    private final Bridges bridges;
    private final PlaceDirectory places;
    private final Pages pages;
    private final ConditionService condition;

    public BridgeController(Bridges bridges, PlaceDirectory places, Pages pages, ConditionService condition) {
        this.bridges = bridges;
        this.places = places;
        this.pages = pages;
        this.condition = condition;
    }

    @Get(value = "/bruecken", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> bridges(HttpRequest<?> request) {
        return SitesOfKind.page(pages, places, request, "bridge");
    }

    @Get(value = "/bridges", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> bridgesEnglish(HttpRequest<?> request) {
        return bridges(request);
    }

    @Get(value = "/bruecken/{site}", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> bridge(
            HttpRequest<?> request, @PathVariable String site, @Nullable @QueryValue String zeitraum) {
        return withBridge(request, site, zeitraum, v -> {
            Map<String, Object> model = new HashMap<>();
            model.put("bridge", v);
            model.put("ranges", List.of(BridgeRange.values()));
            model.put("signedIn", SiteAccess.live(request, site, "bridge"));
            model.put("condition", BridgeCondition.of(condition.summary(site)));
            model.put(Pages.ZONE, v.site().zone());
            return pages.ok(request, "bridge/bridge", model);
        });
    }

    @Get(value = "/bridges/{site}", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> bridgeEnglish(
            HttpRequest<?> request, @PathVariable String site, @Nullable @QueryValue String zeitraum) {
        return bridge(request, site, zeitraum);
    }

    @Get(value = "/bruecken/{site}/{section}/{quantity}.csv", produces = "text/csv")
    public HttpResponse<?> csv(
            HttpRequest<?> request,
            @PathVariable String site,
            @PathVariable String section,
            @PathVariable String quantity,
            @Nullable @QueryValue String zeitraum) {
        return withBridge(request, site, zeitraum, v -> {
            Optional<SeriesAnswer> a = v.sections().stream()
                    .filter(s -> s.location().id().equals(section))
                    .map(s -> s.answers().get(quantity))
                    .filter(java.util.Objects::nonNull)
                    .findFirst();
            return a.isEmpty()
                    ? pages.problem(request, HttpStatus.NOT_FOUND, null)
                    : ClassroomController.csv(a.get(), site + "-" + section + "-" + quantity + ".csv");
        });
    }

    private HttpResponse<?> withBridge(
            HttpRequest<?> request,
            String site,
            @Nullable String zeitraum,
            java.util.function.Function<BridgeView, HttpResponse<?>> show) {
        Optional<PlaceDirectory.Site> s = IdParameter.isValid(site)
                ? places.site(site).filter(x -> x.kind().equals("bridge"))
                : Optional.empty();
        HttpResponse<?> refused = SiteAccess.refusal(
                request, site, "bridge", s.map(PlaceDirectory.Site::isPublic).orElse(false));
        if (refused != null) {
            return refused;
        }
        BridgeRange range = BridgeRange.parse(zeitraum);
        if (range == null) {
            return pages.problem(request, HttpStatus.BAD_REQUEST, "problem.detail.unknownRange", abbreviate(zeitraum));
        }
        Optional<BridgeView> v =
                s.isEmpty() ? Optional.empty() : bridges.bridge(site, range, !SiteAccess.live(request, site, "bridge"));
        return v.isEmpty() ? pages.problem(request, HttpStatus.NOT_FOUND, null) : show.apply(v.get());
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
