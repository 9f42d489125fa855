package de.dos2030.iot.collector.docs;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A person who opens the collector in a browser finds the API documentation, without a token and offline. */
class ApiDocsIT {
    static TestCollector collector;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of());
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void rootPageLinksTheApiDocumentationAndTheOpenApiDocument() throws Exception {
        HttpResponse<String> root = collector.send("GET", "/", null, null);
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(root.body())
                .contains("href=\"/swagger-ui/\"")
                .contains("href=\"/swagger/dos-collector-api-0.1.yml\"");
        assertThat(collector
                        .send("GET", "/swagger/dos-collector-api-0.1.yml", null, null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void swaggerUiIsServedWithItsOwnResourcesAndReadsOurDocument() throws Exception {
        HttpResponse<String> page = collector.send("GET", "/swagger-ui/index.html", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/swagger/dos-collector-api-0.1.yml").doesNotContain("://unpkg", "://cdn");
        for (String resource :
                new String[] {"swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"}) {
            assertThat(collector
                            .send("GET", "/swagger-ui/res/" + resource, null, null)
                            .statusCode())
                    .as(resource)
                    .isEqualTo(200);
        }
    }

    @Test
    void apiAndSwaggerLeadToTheDocumentationPage() throws Exception {
        for (String path : new String[] {"/api", "/swagger/"}) {
            HttpResponse<String> r = collector.send("GET", path, null, null);
            assertThat(r.statusCode()).as(path).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).as(path).hasValue("/swagger-ui/");
        }
        assertThat(collector.send("GET", "/swagger-ui/", null, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void apiRoutesStillNeedATokenAndUnknownOnesAreNotFound() throws Exception {
        assertThat(collector.send("GET", "/api/v1/gateways", null, null).statusCode())
                .isEqualTo(401);
        assertThat(collector.send("GET", "/no-such-page", null, null).statusCode())
                .isEqualTo(404);
    }
}
