package de.dos2030.iot.collector.docs;

import de.dos2030.iot.collector.security.Public;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/**
 * Where people look for the API's documentation: {@code /api} and {@code /swagger/} lead to the Swagger UI
 * at {@value #SWAGGER_UI}, which micronaut-openapi generates at compile time (resources bundled, no CDN)
 * from the same OpenAPI document it writes to {@code /swagger/}. The collector's root page links it too.
 */
@Controller
@Hidden
public class ApiDocsController {
    static final String SWAGGER_UI = "/swagger-ui/";

    @Get("/api")
    @Public
    public HttpResponse<?> api() {
        return HttpResponse.seeOther(URI.create(SWAGGER_UI));
    }

    @Get("/swagger/")
    public HttpResponse<?> swagger() {
        return HttpResponse.seeOther(URI.create(SWAGGER_UI));
    }
}
