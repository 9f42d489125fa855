package de.dos2030.iot.collector.security;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 15, finding 9: anonymous /health showed InfluxDB's URL and disk paths. */
class OperationsAccessIT {
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
    void anonymousHealthIsTheStatusOnly() throws Exception {
        HttpResponse<String> health = collector.get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"status\":\"UP\"")
                .doesNotContain("influxdb")
                .doesNotContain("127.0.0.1")
                .doesNotContain("details");
    }

    @Test
    void anAdminSeesTheDetailsAndAViewerDoesNot() throws Exception {
        assertThat(collector.get("/health", TestCollector.ADMIN_TOKEN).body())
                .contains("\"influxdb\"")
                .contains("\"jdbc\"");
        String viewer = collector.apiToken("ops-viewer", Role.VIEWER);
        assertThat(collector.get("/health", viewer).body()).doesNotContain("influxdb");
    }

    @Test
    void prometheusNeedsAnApiToken() throws Exception {
        HttpResponse<String> anonymous = collector.get("/prometheus", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("collector_");
        String viewer = collector.apiToken("ops-scraper", Role.VIEWER);
        HttpResponse<String> scraped = collector.get("/prometheus", viewer);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes");
    }
}
