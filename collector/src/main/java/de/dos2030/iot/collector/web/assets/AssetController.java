package de.dos2030.iot.collector.web.assets;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * Serves {@link Assets} under their content-hashed URLs for a year ({@code immutable}: a browser need
 * not even ask again). A URL whose hash is not the current content's is 404, so a stale page never
 * gets a newer file under an old name. No token: the files hold no data.
 */
@Controller("/assets")
@Hidden
public class AssetController {
    static final String CACHE_FOR_A_YEAR = "public, max-age=31536000, immutable";

    private final Assets assets;

    public AssetController(Assets assets) {
        this.assets = assets;
    }

    @Get("/{hash}/{name}")
    public HttpResponse<byte[]> asset(@PathVariable String hash, @PathVariable String name) {
        Assets.Asset a = assets.find(hash, name);
        if (a == null) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(a.bytes())
                .contentType(a.contentType())
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOR_A_YEAR)
                .header("X-Content-Type-Options", "nosniff");
    }
}
