package de.dos2030.iot.collector.opendata;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /open/v1/catalog}: the DCAT-AP.de catalogue ({@link Catalogue}) as JSON-LD
 * ({@code application/ld+json}, the default) or Turtle ({@code Accept: text/turtle}). The same for
 * everyone: it lists public sites only.
 */
@Controller("/open/v1/catalog")
public class CatalogueController {
    static final String TURTLE = "text/turtle";
    static final String JSON_LD = "application/ld+json";

    private final Catalogue catalogue;
    private final OpenPublication publication;
    private final OpenLimits limits;
    private final JsonMapper json;

    public CatalogueController(Catalogue catalogue, OpenPublication publication, OpenLimits limits, JsonMapper json) {
        this.catalogue = catalogue;
        this.publication = publication;
        this.limits = limits;
        this.json = json;
    }

    @Get(produces = {JSON_LD, TURTLE})
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> catalog(HttpRequest<?> request, @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        RdfGraph g = catalogue.graph(publication.base(request.getHeaders().get(HttpHeaders.HOST)));
        boolean turtle = accept != null && accept.contains(TURTLE) && !prefersJsonLd(accept);
        byte[] body = turtle ? TurtleWriter.write(g).getBytes(StandardCharsets.UTF_8) : JsonLdWriter.write(g, json);
        return HttpResponse.ok(body)
                .contentType(turtle ? TURTLE + "; charset=utf-8" : JSON_LD)
                .header(
                        HttpHeaders.CACHE_CONTROL,
                        "public, max-age=" + limits.cacheMaxAge().toSeconds())
                .header(HttpHeaders.VARY, "Accept");
    }

    /** Whether JSON-LD comes before Turtle in an Accept header that names both. */
    private static boolean prefersJsonLd(String accept) {
        int ld = accept.indexOf(JSON_LD);
        return ld >= 0 && ld < accept.indexOf(TURTLE);
    }
}
