package de.dos2030.iot.collector.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenCachingTest {
    private final OpenCaching caching = new OpenCaching(new OpenLimits(120, 60, 100, List.of(), Duration.ofMinutes(5)));

    @Test
    void anAnonymousAnswerMayBeKeptBySharedCaches() {
        MutableHttpResponse<String> r = HttpResponse.ok("{}");
        caching.cache(HttpRequest.GET("/sta/v1.1/Things"), r);
        assertThat(r.getHeaders().get("Cache-Control")).isEqualTo("public, max-age=300");
        assertThat(r.getHeaders().getAll("Vary")).contains("Authorization");
    }

    @Test
    void anAnswerToATokenHolderIsPrivate() {
        MutableHttpRequest<?> request = HttpRequest.GET("/sta/v1.1/Things");
        request.setAttribute(Caller.ATTRIBUTE, new Caller("t", Role.VIEWER));
        MutableHttpResponse<String> r = HttpResponse.ok("{}");
        caching.cache(request, r);
        assertThat(r.getHeaders().get("Cache-Control")).isEqualTo("private, no-cache");
    }

    @Test
    void errorsAndAnswersThatSayHowToBeCachedAreLeftAlone() {
        MutableHttpResponse<String> own = HttpResponse.ok("{}").header("Cache-Control", "public, max-age=86400");
        caching.cache(HttpRequest.GET("/open/v1/catalog"), own);
        assertThat(own.getHeaders().get("Cache-Control")).isEqualTo("public, max-age=86400");
        MutableHttpResponse<String> missing = HttpResponse.notFound("{}");
        caching.cache(HttpRequest.GET("/sta/v1.1/Things('x')"), missing);
        assertThat(missing.getHeaders().contains("Cache-Control")).isFalse();
    }
}
