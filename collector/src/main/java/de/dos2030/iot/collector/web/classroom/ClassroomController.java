package de.dos2030.iot.collector.web.classroom;

import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.query.SeriesAnswer;
import de.dos2030.iot.collector.query.SeriesCsv;
import de.dos2030.iot.collector.web.Formats;
import de.dos2030.iot.collector.web.Pages;
import de.dos2030.iot.collector.web.SitesOfKind;
import de.dos2030.iot.collector.web.session.OpenPage;
import de.dos2030.iot.collector.web.session.SiteAccess;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The school pages: a school's rooms ({@code /schulen/{site}}) and one classroom
 * ({@code /schulen/{site}/{room}}, English {@code /schools/...}), its live numbers as JSON for the
 * classroom display ({@code .../jetzt}) and its data as CSV ({@code .../heute.csv}, {@code .../woche.csv}).
 * Open for a public site ({@link SiteAccess}), otherwise for anyone signed in. Unknown school or room:
 * the 404 page (after sign-in, so that a stranger learns nothing of non-public sites).
 */
@Controller
@Hidden
@ExecuteOn(TaskExecutors.BLOCKING)
@OpenPage
public class ClassroomController {
    private final Classrooms classrooms;
    private final PlaceDirectory places;
    private final Pages pages;
    private final HttpLocaleResolver locales;

    public ClassroomController(Classrooms classrooms, PlaceDirectory places, Pages pages, HttpLocaleResolver locales) {
        this.classrooms = classrooms;
        this.places = places;
        this.pages = pages;
        this.locales = locales;
    }

    /** The live numbers of the classroom display, formatted for the person's language. */
    @Serdeable
    public record Live(String state, String co2, String temperature, String humidity, String updated, String iso) {}

    /** The schools: the public ones for everyone, all of them for people signed in. */
    @Get(value = "/schulen", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> schools(HttpRequest<?> request) {
        return SitesOfKind.page(pages, places, request, "school");
    }

    @Get(value = "/schools", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> schoolsEnglish(HttpRequest<?> request) {
        return schools(request);
    }

    @Get(value = "/schulen/{site}", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> school(HttpRequest<?> request, @PathVariable String site) {
        Optional<PlaceDirectory.Site> s = school(site);
        HttpResponse<?> refused = SiteAccess.refusal(
                request, site, "school", s.map(PlaceDirectory.Site::isPublic).orElse(false));
        if (refused != null) {
            return refused;
        }
        if (s.isEmpty()) {
            return pages.problem(request, HttpStatus.NOT_FOUND, null);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("site", s.get());
        model.put("rooms", places.locations(site).values());
        model.put(Pages.ZONE, s.get().zone());
        return pages.ok(request, "classroom/school", model);
    }

    @Get(value = "/schools/{site}", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> schoolEnglish(HttpRequest<?> request, @PathVariable String site) {
        return school(request, site);
    }

    @Get(value = "/schulen/{site}/{room}", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> room(HttpRequest<?> request, @PathVariable String site, @PathVariable String room) {
        return withRoom(request, site, room, v -> {
            Map<String, Object> model = new HashMap<>();
            model.put("room", v);
            model.put(Pages.ZONE, v.site().zone());
            return pages.ok(request, "classroom/classroom", model);
        });
    }

    @Get(value = "/schools/{site}/{room}", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> roomEnglish(HttpRequest<?> request, @PathVariable String site, @PathVariable String room) {
        return room(request, site, room);
    }

    @Get(value = "/schulen/{site}/{room}/jetzt", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> live(HttpRequest<?> request, @PathVariable String site, @PathVariable String room) {
        return withRoom(request, site, room, v -> {
            Formats fmt =
                    new Formats(locales.resolveOrDefault(request), v.site().zone());
            return HttpResponse.ok(new Live(
                            v.state().wireName(),
                            fmt.quantity(v.now().get(0).value(), v.now().get(0).unit()),
                            fmt.quantity(v.now().get(1).value(), v.now().get(1).unit()),
                            fmt.quantity(v.now().get(2).value(), v.now().get(2).unit()),
                            fmt.dateTime(v.updated()),
                            fmt.iso(v.updated())))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
        });
    }

    @Get(value = "/schulen/{site}/{room}/heute.csv", produces = SeriesCsv.MEDIA_TYPE)
    public HttpResponse<?> todayCsv(HttpRequest<?> request, @PathVariable String site, @PathVariable String room) {
        return withRoom(request, site, room, v -> csv(v.todayAnswer(), site + "-" + room + "-heute.csv"));
    }

    @Get(value = "/schulen/{site}/{room}/woche.csv", produces = SeriesCsv.MEDIA_TYPE)
    public HttpResponse<?> weekCsv(HttpRequest<?> request, @PathVariable String site, @PathVariable String room) {
        return withRoom(request, site, room, v -> csv(v.weekAnswer(), site + "-" + room + "-woche.csv"));
    }

    /** The API's CSV of exactly what the page shows. */
    public static HttpResponse<?> csv(SeriesAnswer answer, String filename) {
        return HttpResponse.ok(SeriesCsv.write(answer))
                .contentType(SeriesCsv.MEDIA_TYPE + "; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private HttpResponse<?> withRoom(
            HttpRequest<?> request,
            String site,
            String room,
            java.util.function.Function<ClassroomView, HttpResponse<?>> show) {
        Optional<PlaceDirectory.Site> s = school(site);
        HttpResponse<?> refused = SiteAccess.refusal(
                request, site, "school", s.map(PlaceDirectory.Site::isPublic).orElse(false));
        if (refused != null) {
            return refused;
        }
        Optional<ClassroomView> v = IdParameter.isValid(room)
                ? classrooms.room(site, room, !SiteAccess.live(request, site, "school"))
                : Optional.empty();
        if (v.isEmpty()) {
            return pages.problem(request, HttpStatus.NOT_FOUND, null);
        }
        return show.apply(v.get());
    }

    private Optional<PlaceDirectory.Site> school(String site) {
        return IdParameter.isValid(site)
                ? places.site(site).filter(x -> x.kind().equals("school"))
                : Optional.empty();
    }
}
