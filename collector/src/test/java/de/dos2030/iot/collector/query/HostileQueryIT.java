package de.dos2030.iot.collector.query;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.security.Role;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15, findings 5 (query side) and 9: hostile parameters are the caller's fault, so every one
 * answers 400 naming the parameter, never a 5xx (a 503 tells a client to retry the same request).
 */
class HostileQueryIT {
    /** Long, yet short enough for the server's 4 KB request line: the application must refuse it. */
    static final String LONG = "a".repeat(1_000);

    static TestCollector collector;
    static String viewer;
    static String engineer;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of());
        viewer = collector.apiToken("hostile-viewer", Role.VIEWER);
        engineer = collector.apiToken("hostile-engineer", Role.ENGINEER);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Path and query, and the parameter the answer must name. An answer of too many points (a million
     * windows) is refused with 422 and the advice to choose a larger window (TooManyPointsHandler).
     */
    static Stream<Arguments> hostileQueries() {
        String series = "/api/v1/series?quantity=co2";
        return Stream.of(
                Arguments.of(series + "&window=PT9999999999999H", "window"),
                Arguments.of(series + "&window=-PT1H", "window"),
                Arguments.of(series + "&window=PT0.5S", "window"),
                Arguments.of(series + "&window=999999999d", "window"),
                Arguments.of(series + "&window=P106751991167300D", "window"),
                Arguments.of(series + "&from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z", "from"),
                Arguments.of(series + "&from=0000-01-01T00:00:00Z", "from"),
                Arguments.of(series + "&from=" + q("-999999-01-01T00:00:00Z"), "from"),
                Arguments.of(series + "&to=" + q("+999999-01-01T00:00:00Z"), "to"),
                Arguments.of(
                        series + "&from=" + q("+999999-01-01T00:00:00Z") + "&to=" + q("+999999-12-31T00:00:00Z"),
                        "from"),
                Arguments.of(series + "&from=1000-01-01T00:00:00Z&to=1001-01-01T00:00:00Z", "from"),
                Arguments.of(series + "&to=2300-01-01T00:00:00Z", "to"),
                Arguments.of(series + "&from=yesterday", "from"),
                Arguments.of(series + "&from=2025-03-01", "from"),
                Arguments.of(series + "&to=" + q("2025-03-01T00:00:00+25:00"), "to"),
                Arguments.of(series + "&from=" + LONG, "from"),
                Arguments.of(series + "&window=" + LONG, "window"),
                Arguments.of("/api/v1/series?quantity=" + LONG, "quantity"),
                Arguments.of("/api/v1/series?quantity=nope", "quantity"),
                Arguments.of(series + "&statistic=nope", "statistic"),
                Arguments.of(series + "&aggregate=nope&window=1m", "aggregate"),
                Arguments.of(series + "&aggregate=p95", "aggregate"),
                Arguments.of(series + "&quality=nope", "quality"),
                Arguments.of(series + "&window=1d&tz=Mars/Olympus_Mons", "tz"),
                Arguments.of(series + "&window=1d&tz=" + LONG, "tz"),
                Arguments.of(series + "&window=1d&tz=" + q("Europe/Berlin'"), "tz"),
                Arguments.of(series + "&window=36h", "window"),
                Arguments.of(series + "&site=" + q("school-1") + "&location=nowhere", "location"),
                Arguments.of(series + "&location=r204", "location"),
                Arguments.of(series + "&format=xml", "format"),
                Arguments.of(series + "&siteKind=" + LONG, "siteKind"),
                Arguments.of(series + "&site=" + LONG, "site"),
                Arguments.of(series + "&gateway=" + q("gw' OR 1=1 --"), "gateway"),
                Arguments.of(series + "&sensor=" + q("a\"b"), "sensor"),
                Arguments.of("/api/v1/gateways?site=" + LONG, "site"),
                Arguments.of("/api/v1/sensors?gateway=" + LONG, "gateway"),
                Arguments.of("/api/v1/sensors?site=" + q("x y"), "site"),
                Arguments.of("/api/v1/alerts?from=0000-01-01T00:00:00Z", "from"),
                Arguments.of("/api/v1/alerts?to=" + q("+999999-01-01T00:00:00Z"), "to"),
                Arguments.of("/api/v1/alerts?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z", "from"),
                Arguments.of("/api/v1/alerts?limit=99999999999", "limit"),
                Arguments.of("/api/v1/alerts?gatewayId=" + LONG, "gatewayId"),
                Arguments.of("/api/v1/alerts?minSeverity=nope", "minSeverity"),
                Arguments.of("/api/v1/alerts?quantity=nope", "quantity"),
                Arguments.of("/api/v1/alerts?status=" + LONG, "status"),
                Arguments.of("/api/v1/alerts/active?siteKind=nope", "siteKind"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileQueries")
    void answers400NamingTheParameter(String pathAndQuery, String parameter) throws Exception {
        HttpResponse<String> r = collector.get(pathAndQuery, viewer);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"error\":\"").contains(parameter);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("millionsOfWindows")
    void answers422ForMillionsOfWindowsNamingTheWindow(String pathAndQuery) throws Exception {
        HttpResponse<String> r = collector.get(pathAndQuery, viewer);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("choose a larger window");
    }

    static Stream<String> millionsOfWindows() {
        return Stream.of(
                "/api/v1/series?quantity=co2&window=1s&from=2025-01-01T00:00:00Z&to=2025-12-31T00:00:00Z",
                "/api/v1/series?quantity=co2&window=PT1S&from=1970-01-01T00:00:00Z&to=2199-12-31T00:00:00Z");
    }

    @Test
    void overLongSubscriptionTargetIs400NamingTheTarget() throws Exception {
        String body = "{\"channel\":\"webhook\",\"target\":\"https://example.org/" + LONG + "\"}";
        HttpResponse<String> r = collector.send("POST", "/api/v1/subscriptions", engineer, body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("target");
    }

    @Test
    void overLongSubscriptionNameAndMqttTargetAre400() throws Exception {
        HttpResponse<String> name = collector.send(
                "POST",
                "/api/v1/subscriptions",
                engineer,
                "{\"channel\":\"mqtt\",\"name\":\"" + LONG + "\",\"target\":\"dos/alerts\"}");
        assertThat(name.statusCode()).as(name.body()).isEqualTo(400);
        assertThat(name.body()).contains("name");
        HttpResponse<String> topic = collector.send(
                "POST", "/api/v1/subscriptions", engineer, "{\"channel\":\"mqtt\",\"target\":\"dos/" + LONG + "\"}");
        assertThat(topic.statusCode()).as(topic.body()).isEqualTo(400);
        assertThat(topic.body()).contains("target");
    }

    @Test
    void overLongIdInAPathIsAnsweredWithoutA5xx() throws Exception {
        HttpResponse<String> r = collector.get("/api/v1/gateways/" + LONG, viewer);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("id");
    }
}
