package de.dos2030.iot.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in, sessions, roles and CSRF on the pages, over plain HTTP against a real collector (the
 * browser tests cover the same in Chromium): what the server refuses, it refuses whatever the page shows.
 */
class WebSessionIT {
    static TestCollector collector;
    static String viewer;
    static String engineer;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of("collector.web.session-idle-timeout", "10m", "test.mutable-clock", true));
        viewer = collector.apiToken("web-viewer", Role.VIEWER);
        engineer = collector.apiToken("web-engineer", Role.ENGINEER);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void aPageNeedingASessionSendsToSignInAndBackToThePageAskedFor() throws Exception {
        WebClient browser = new WebClient(collector);
        HttpResponse<String> fleet = browser.get("/flotte?zustand=offline");
        assertThat(fleet.statusCode()).isEqualTo(303);
        assertThat(fleet.headers().firstValue("Location")).hasValue("/anmelden?ziel=%2Fflotte%3Fzustand%3Doffline");
        HttpResponse<String> signedIn = browser.signIn(viewer, "/flotte?zustand=offline");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/flotte?zustand=offline");
        assertThat(signedIn.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("dos_session=")
                        .containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Strict"));
        HttpResponse<String> page = browser.get("/flotte?zustand=offline");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1 class=\"heading-l\">Flotte</h1>");
    }

    @Test
    void aReturnPathToAnotherSiteLeadsHome() throws Exception {
        for (String evil : new String[] {"https://evil.example/", "//evil.example", "/\\evil.example"}) {
            HttpResponse<String> r = new WebClient(collector).signIn(viewer, evil);
            assertThat(r.headers().firstValue("Location")).as(evil).hasValue("/");
        }
    }

    @Test
    void aWrongTokenShowsTheFormAgainWithAnErrorSummary() throws Exception {
        HttpResponse<String> r = new WebClient(collector).signIn("dos_not-a-token", "/");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body())
                .contains("class=\"error-summary\"")
                .contains("Dieses Token ist unbekannt oder gesperrt")
                .contains("href=\"#token\"");
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("dos_session="));
    }

    @Test
    void signInWithoutTheFormsCsrfTokenIsRefused() throws Exception {
        WebClient browser = new WebClient(collector);
        browser.get("/anmelden");
        HttpResponse<String> r = browser.post("/anmelden", Map.of("token", viewer, "_csrf", "forged"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("Das Formular ist abgelaufen");
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("dos_session="));
    }

    @Test
    void aForgedOrMissingCsrfTokenIsRefusedAndNothingChanges() throws Exception {
        String alertId = raiseAlert("web-csrf-gw");
        WebClient browser = new WebClient(collector);
        browser.signIn(engineer, "/alarme");
        String action = "/alarme/web-csrf-gw/" + alertId + "/quittieren";
        assertThat(browser.post(action, Map.of("_csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(browser.post(action, Map.of()).statusCode()).isEqualTo(403);
        assertThat(statusOf("web-csrf-gw", alertId)).isEqualTo("raised");
        HttpResponse<String> ok = browser.submit("/alarme", action, Map.of("zurueck", "/alarme"));
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).hasValue("/alarme?quittiert=" + alertId);
        assertThat(statusOf("web-csrf-gw", alertId)).isEqualTo("acknowledged");
    }

    @Test
    void aViewerCannotAcknowledgeNorManageSubscriptionsWhateverThePageShows() throws Exception {
        String alertId = raiseAlert("web-viewer-gw");
        WebClient browser = new WebClient(collector);
        browser.signIn(viewer, "/alarme");
        HttpResponse<String> alerts = browser.get("/alarme");
        assertThat(alerts.body()).contains(alertId).doesNotContain("/quittieren");
        HttpResponse<String> ack =
                browser.submit("/alarme", "/alarme/web-viewer-gw/" + alertId + "/quittieren", Map.of());
        assertThat(ack.statusCode()).isEqualTo(403);
        assertThat(statusOf("web-viewer-gw", alertId)).isEqualTo("raised");
        assertThat(browser.get("/abos").statusCode()).isEqualTo(403);
        HttpResponse<String> create = browser.submit(
                "/alarme", "/abos", Map.of("channel", "mqtt", "target", "dos/alerts/viewer", "name", "viewer's"));
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(collector
                        .send("GET", "/api/v1/subscriptions", TestCollector.ADMIN_TOKEN, null)
                        .body())
                .doesNotContain("viewer's");
    }

    @Test
    void signOutEndsTheSessionOnTheServer() throws Exception {
        WebClient browser = new WebClient(collector);
        browser.signIn(viewer, "/");
        String cookie = browser.cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("dos_session"))
                .findFirst()
                .orElseThrow()
                .getValue();
        assertThat(browser.get("/flotte").statusCode()).isEqualTo(200);
        assertThat(browser.submit("/flotte", "/abmelden", Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(browser.get("/flotte").statusCode()).isEqualTo(303);
        // the old cookie, kept by someone who copied it, opens nothing either
        WebClient thief = new WebClient(collector);
        java.net.HttpCookie copied = new java.net.HttpCookie("dos_session", cookie);
        copied.setPath("/");
        thief.cookies.getCookieStore().add(java.net.URI.create(collector.url("/")), copied);
        assertThat(thief.get("/flotte").statusCode()).isEqualTo(303);
    }

    @Test
    void signingOutOfASessionThatHasExpiredMeanwhileSimplySaysSignedOut() throws Exception {
        WebClient browser = new WebClient(collector);
        browser.signIn(viewer, "/");
        String csrf = WebClient.csrfOf(browser.get("/flotte").body());
        collector.clock().advance(Duration.ofMinutes(11));
        HttpResponse<String> out = browser.post("/abmelden", Map.of("_csrf", csrf));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/anmelden?abgemeldet=1");
    }

    @Test
    void anIdleSessionEndsAndARevokedTokenEndsItsSessions() throws Exception {
        WebClient idle = new WebClient(collector);
        idle.signIn(viewer, "/");
        collector.clock().advance(Duration.ofMinutes(11));
        assertThat(idle.get("/flotte").statusCode()).isEqualTo(303);

        String token = collector.apiToken("web-revoked", Role.VIEWER);
        WebClient revoked = new WebClient(collector);
        revoked.signIn(token, "/");
        assertThat(revoked.get("/flotte").statusCode()).isEqualTo(200);
        assertThat(collector
                        .send("DELETE", "/admin/tokens/web-revoked", TestCollector.ADMIN_TOKEN, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(revoked.get("/flotte").statusCode()).isEqualTo(303);
    }

    @Test
    void unknownThingsGetA404PageInThePersonsLanguage() throws Exception {
        WebClient browser = new WebClient(collector);
        browser.signIn(viewer, "/");
        HttpResponse<String> gw = browser.get("/flotte/no-such-gateway");
        assertThat(gw.statusCode()).isEqualTo(404);
        assertThat(gw.body()).contains("Seite nicht gefunden").contains("Es gibt kein Gateway „no-such-gateway“.");
        HttpResponse<String> switched = browser.get("/sprache/en?zurueck=/flotte/no-such-gateway");
        assertThat(switched.statusCode()).isEqualTo(303);
        assertThat(switched.headers().firstValue("Location")).hasValue("/flotte/no-such-gateway");
        assertThat(switched.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("dos_lang=en"));
        assertThat(browser.get("/flotte/no-such-gateway").body())
                .contains("<html lang=\"en\">")
                .contains("There is no gateway “no-such-gateway”.");
        HttpResponse<String> english = browser.get("/no-such-page");
        assertThat(english.statusCode()).isEqualTo(404);
        assertThat(english.body()).contains("<html lang=\"en\">").contains("Page not found");
        assertThat(english.body()).as("the header still shows who is signed in").contains("action=\"/abmelden\"");
        assertThat(browser.get("/api/v1/no-such-thing").headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }

    @Test
    void assetsCarryTheirHashAndAreCachedForAYear() throws Exception {
        WebClient browser = new WebClient(collector);
        String page = browser.get("/").body();
        java.util.regex.Matcher css = java.util.regex.Pattern.compile("href=\"(/assets/[0-9a-f]{16}/site\\.css)\"")
                .matcher(page);
        assertThat(css.find()).isTrue();
        HttpResponse<String> r = browser.get(css.group(1));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(browser.get("/assets/0000000000000000/site.css").statusCode())
                .isEqualTo(404);
        String uplot = collector
                .context
                .getBean(de.dos2030.iot.collector.web.assets.Assets.class)
                .url("uPlot.iife.min.js");
        assertThat(browser.get(uplot).body()).contains("uPlot");
    }

    @Test
    void cookiesAreSecureWhenThePageCameOverHttpsThroughALoadBalancer() throws Exception {
        HttpResponse<String> plain = collector.send("GET", "/anmelden", null, null);
        assertThat(plain.headers().allValues("Set-Cookie"))
                .singleElement()
                .satisfies(c -> assertThat(c).startsWith("dos_csrf=").doesNotContainIgnoringCase("Secure"));
        HttpResponse<String> https = collector.send("GET", "/anmelden", null, null, "X-Forwarded-Proto", "https");
        assertThat(https.headers().allValues("Set-Cookie"))
                .singleElement()
                .satisfies(c -> assertThat(c)
                        .startsWith("dos_csrf=")
                        .containsIgnoringCase("; Secure")
                        .containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Strict"));
    }

    @Test
    void bearerTokensStillReachTheApiAndNotThePages() throws Exception {
        assertThat(collector.get("/api/v1/gateways", viewer).statusCode()).isEqualTo(200);
        assertThat(collector.get("/flotte", viewer).statusCode()).isEqualTo(303);
    }

    /** A gateway sends a batch with a CO2 alert through the HTTP door; returns the alert's id. */
    private static String raiseAlert(String gateway) throws Exception {
        String token = collector.register(gateway, "web-site", SiteKind.SCHOOL).token();
        String boot = "boot-" + System.nanoTime();
        HttpResponse<String> stored = collector.postBatch(
                BatchCodec.json().encode(TestBatches.schoolWithAlertAndHealth(gateway, "web-site", boot, 1)),
                "application/json",
                token);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        return "a-" + boot + "-1";
    }

    private static String statusOf(String gateway, String alertId) throws Exception {
        String body = collector
                .get("/api/v1/alerts/" + gateway + "/" + alertId, viewer)
                .body();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"status\":\"([a-z]+)\"").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }
}
