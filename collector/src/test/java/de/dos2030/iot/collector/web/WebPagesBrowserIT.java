package de.dos2030.iot.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestWebhookReceiver;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser (headless Chromium) against a real collector and InfluxDB, with data
 * sent by gateways through the HTTP door: every page at phone and desktop size (screenshots under
 * target/screenshots, no console error, no sideways scrolling, no WCAG 2.1 AA violation by axe), a
 * keyboard-only walk, what a viewer may not do, sign-out, and the alerts page's live update.
 * One browser and one collector for the class.
 */
class WebPagesBrowserIT {
    static TestCollector collector;
    static TestWebhookReceiver receiver;
    static Browser browser;
    static String viewer;
    static String engineer;
    static String schoolToken;
    static String alertId;
    static String subscriptionId;
    static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();
    static final PlaceReport KLEY = new PlaceReport(
            SiteKind.SCHOOL,
            "Grundschule Kley",
            null,
            51.4957,
            7.3855,
            "Europe/Berlin",
            List.of(new PlaceReport.Location("room-1", LocationKind.ROOM, "Klasse 4b", 2, "R204", null)),
            Map.of("room-1.co2", "room-1", "room-1.temp", "room-1", "room-1.rh", "room-1"));
    static final PlaceReport RUHR = new PlaceReport(
            SiteKind.BRIDGE,
            "Ruhrbrücke Schwerte",
            null,
            51.446,
            7.565,
            "Europe/Berlin",
            List.of(new PlaceReport.Location("feld-2", LocationKind.SECTION, "Feld 2", null, null, 42.0)),
            Map.of());

    @BeforeAll
    static void start() throws Exception {
        receiver = new TestWebhookReceiver();
        collector = new TestCollector(Map.of("collector.delivery.max-attempts", 1));
        viewer = collector.apiToken("browser-viewer", Role.VIEWER);
        engineer = collector.apiToken("browser-engineer", Role.ENGINEER);
        schoolToken =
                collector.register("bw-school-1", "gs-kley", SiteKind.SCHOOL).token();
        String bridgeToken =
                collector.register("bw-bridge-1", "br-ruhr", SiteKind.BRIDGE).token();
        collector.register("bw-never-seen", "gs-kley", SiteKind.SCHOOL);
        // a subscription whose receiver refuses: its one delivery is dead, with a retry button
        receiver.status.set(500);
        HttpResponse<String> sub = collector.send(
                "POST",
                "/api/v1/subscriptions",
                engineer,
                "{\"name\":\"Hausmeister Kley\",\"channel\":\"webhook\",\"target\":\"" + receiver.url() + "\"}");
        assertThat(sub.statusCode()).as(sub.body()).isEqualTo(201);
        subscriptionId = sub.body().replaceAll(".*\"id\":\"(sub-[0-9a-f]+)\".*", "$1");
        // the gateways report their sites' names and positions with their health, as agents do: the fleet map's source
        send(TestBatches.withPlace("bw-school-1", "gs-kley", "boot-place", 1, List.of(), KLEY), schoolToken);
        send(TestBatches.withPlace("bw-bridge-1", "br-ruhr", "boot-place", 1, List.of(), RUHR), bridgeToken);
        String boot = "boot-" + System.nanoTime();
        send(TestBatches.schoolWithAlertAndHealth("bw-school-1", "gs-kley", boot, 1), schoolToken);
        alertId = "a-" + boot + "-1";
        send(TestBatches.school("bw-bridge-1", "br-ruhr", "boot-b", 1, 60), bridgeToken);
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        collector.close();
        receiver.close();
    }

    @BeforeEach
    void freshBrowserSession() {
        browser.open(collector.url("/"));
        browser.driver.manage().deleteAllCookies();
        browser.consoleErrors("before"); // what earlier tests left in the log is theirs
    }

    @Test
    void everyPageFitsAPhoneAndADesktopWithoutConsoleErrorsOrAccessibilityViolations() throws Exception {
        List<String> problems = new ArrayList<>();
        visit("/", "start", problems);
        visit("/anmelden", "signin", problems);
        signIn(engineer);
        visit("/", "start-signed-in", problems);
        visit("/flotte", "fleet", problems);
        visit("/flotte?art=school&zustand=online", "fleet-filtered", problems);
        visit("/flotte/bw-school-1", "gateway", problems);
        visit("/alarme", "alerts", problems);
        visit("/alarme?status=all", "alerts-history", problems);
        visit("/abos", "subscriptions", problems);
        visit("/abos/neu", "subscription-form", problems);
        browser.driver
                .findElement(By.cssSelector("form[action='/abos'] button[type=submit]"))
                .click();
        waitFor(d -> d.findElement(By.className("error-summary")).getText().contains("Ziel"), "the error summary");
        problems.addAll(browser.check("subscription-form-errors"));
        visit("/abos/" + subscriptionId, "subscription", problems);
        visit("/flotte/no-such-gateway", "not-found", problems);
        visit("/sprache/en?zurueck=/flotte", "fleet-english", problems);
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang"))
                .isEqualTo("en");
        visit("/alarme", "alerts-english", problems);
        browser.open(collector.url("/sprache/de?zurueck=/"));
        assertThat(problems).isEmpty();
    }

    @Test
    void theFleetMapDrawsEachSiteWhereItsGatewaysSayItIsAndLinksToItsPage() {
        signIn(viewer);
        browser.open(collector.url("/flotte"));
        Map<String, Double> xByLabel = new java.util.HashMap<>();
        for (WebElement site : browser.driver.findElements(By.cssSelector(".sitemap__site"))) {
            xByLabel.put(
                    site.findElement(By.className("sitemap__label")).getText(),
                    Double.parseDouble(site.findElement(By.tagName("circle")).getAttribute("cx")));
        }
        // each site with the state most in need of a visit: Kley has a gateway that never reported
        assertThat(xByLabel).containsOnlyKeys("Grundschule Kley (nie gemeldet)", "Ruhrbrücke Schwerte (online)");
        assertThat(xByLabel.get("Grundschule Kley (nie gemeldet)"))
                .as("Kley lies west of Schwerte")
                .isLessThan(xByLabel.get("Ruhrbrücke Schwerte (online)"));
        // the map and the table link each site to its school or bridge page
        assertThat(browser.driver.findElements(By.cssSelector(".sitemap__site")))
                .extracting(e -> e.getDomAttribute("href"))
                .containsExactlyInAnyOrder("/schulen/gs-kley", "/bruecken/br-ruhr");
        assertThat(browser.driver.findElements(By.cssSelector(".table tbody td a")))
                .filteredOn(e -> e.getText().equals("Grundschule Kley"))
                .extracting(e -> path(e))
                .containsOnly("/schulen/gs-kley");
        browser.driver
                .findElement(By.cssSelector(".sitemap__site[href='/bruecken/br-ruhr']"))
                .click();
        waitFor(d -> d.findElement(By.tagName("h1")).getText().contains("Ruhrbrücke Schwerte"), "the bridge page");
    }

    @Test
    void keyboardAloneSignsInOpensAGatewayAcknowledgesAnAlertAndCreatesASubscription() throws Exception {
        String ack = "a-kbd-" + System.nanoTime();
        send(alertBatch(ack), schoolToken);
        browser.open(collector.url("/"));
        tabTo(e -> "/anmelden".equals(path(e)), "the sign-in link");
        browser.press(Keys.ENTER);
        tabTo(e -> "token".equals(e.getAttribute("id")), "the token field");
        browser.press(engineer, Keys.ENTER);
        waitFor(d -> d.getPageSource().contains("Abmelden"), "signed in");

        tabTo(e -> "/flotte".equals(path(e)), "the fleet in the navigation");
        browser.press(Keys.ENTER);
        tabTo(e -> "/flotte/bw-school-1".equals(path(e)), "the gateway bw-school-1");
        browser.press(Keys.ENTER);
        waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("bw-school-1"), "the gateway page");
        assertThat(browser.driver.getPageSource()).contains("room-1.co2");

        tabTo(e -> "/alarme".equals(path(e)), "the alerts in the navigation");
        browser.press(Keys.ENTER);
        tabTo(
                e -> e.getTagName().equals("button")
                        && String.valueOf(e.getAttribute("aria-label")).contains(ack),
                "the acknowledge button of " + ack);
        browser.press(Keys.SPACE);
        waitFor(d -> d.getCurrentUrl().contains("quittiert=" + ack), "acknowledged");
        assertThat(collector.get("/api/v1/alerts/bw-school-1/" + ack, viewer).body())
                .contains("\"status\":\"acknowledged\"")
                .contains("\"acknowledgedBy\":\"browser-engineer\"");

        tabTo(e -> "/abos".equals(path(e)), "the subscriptions in the navigation");
        browser.press(Keys.ENTER);
        tabTo(e -> "/abos/neu".equals(path(e)), "new subscription");
        browser.press(Keys.ENTER);
        tabTo(e -> "name".equals(e.getAttribute("id")), "the name field");
        browser.press("Tastatur-Abo");
        tabTo(e -> "target".equals(e.getAttribute("id")), "the target field");
        browser.press(receiver.url());
        tabTo(e -> e.getTagName().equals("button") && e.getText().equals("Abo anlegen"), "the create button");
        browser.press(Keys.ENTER);
        waitFor(d -> d.getPageSource().contains("Abo angelegt"), "the subscription created");
        assertThat(browser.driver.getPageSource()).contains("whsec_");
        assertThat(collector.get("/api/v1/subscriptions", engineer).body()).contains("Tastatur-Abo");
        assertThat(browser.consoleErrors("keyboard walk")).isEmpty();
    }

    @Test
    void aReadySignInLinkFillsTheFormFromItsFragmentAndForgetsIt() {
        browser.open(collector.url("/anmelden?ziel=/flotte#token=" + engineer));
        waitFor(d -> engineer.equals(d.findElement(By.id("token")).getAttribute("value")), "the token filled in");
        assertThat(browser.driver.getCurrentUrl())
                .as("the token leaves the address bar")
                .doesNotContain("#token");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/anmelden?ziel=/flotte");
        assertThat(browser.focused().getTagName()).as("one key signs in").isEqualTo("button");
        browser.press(Keys.ENTER);
        waitFor(d -> d.getCurrentUrl().endsWith("/flotte") && d.getPageSource().contains("Abmelden"), "signed in");
    }

    @Test
    void alertTitlesAreInThePagesLanguage() {
        signIn(engineer);
        browser.open(collector.url("/alarme"));
        assertThat(browser.driver
                        .findElement(By.id("alarm-bw-school-1-" + alertId))
                        .getText())
                .contains("CO2 über dem Grenzwert");
    }

    @Test
    void aViewerSeesNoAcknowledgeButtonIsRefusedSubscriptionsAndSignsOutForGood() throws Exception {
        signIn(viewer);
        browser.open(collector.url("/alarme"));
        assertThat(browser.driver.getPageSource()).contains(alertId);
        assertThat(browser.driver.findElements(By.cssSelector("form.ack-form"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("a[href='/abos']")))
                .isEmpty();
        browser.open(collector.url("/abos"));
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Keine Berechtigung");
        browser.open(collector.url("/flotte"));
        browser.driver
                .findElement(By.cssSelector("form[action='/abmelden'] button"))
                .click();
        waitFor(d -> d.getPageSource().contains("Sie sind abgemeldet"), "signed out");
        browser.open(collector.url("/flotte"));
        assertThat(browser.driver.getCurrentUrl()).contains("/anmelden?ziel=%2Fflotte");
    }

    @Test
    void theAlertsPageShowsANewAlertWithoutReloading() throws Exception {
        signIn(engineer);
        browser.open(collector.url("/alarme"));
        waitFor(d -> !d.findElement(By.id("live-status")).getText().isEmpty(), "the live stream connected");
        browser.js("window.notReloaded = true;");
        String live = "a-live-" + System.nanoTime();
        send(alertBatch(live), schoolToken);
        waitFor(d -> d.getPageSource().contains(live), "the new alert on the page");
        assertThat(browser.js("return window.notReloaded === true;")).isEqualTo(true);
        assertThat(browser.consoleErrors("live update")).isEmpty();
    }

    private static void visit(String path, String name, List<String> problems) {
        browser.open(collector.url(path));
        problems.addAll(browser.check(name));
    }

    private static void signIn(String token) {
        browser.open(collector.url("/anmelden"));
        browser.driver.findElement(By.id("token")).sendKeys(token, Keys.ENTER);
        waitFor(d -> d.getPageSource().contains("Abmelden") || d.getPageSource().contains("Sign out"), "signed in");
    }

    /** Presses Tab until the focused element is the one wanted (at most 300 times). */
    private static void tabTo(Predicate<WebElement> wanted, String what) {
        for (int i = 0; i < 300; i++) {
            browser.press(Keys.TAB);
            if (wanted.test(browser.focused())) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + what + "; focus ended on " + browser.describeFocus());
    }

    private static String path(WebElement e) {
        String href = e.getAttribute("href");
        return href == null ? null : href.replaceFirst("^https?://[^/]+", "");
    }

    private static void waitFor(
            java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition, String what) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> "waiting for " + what)
                .until(condition);
    }

    private static Batch alertBatch(String id) {
        return TestBatches.alerts(
                "bw-school-1",
                "gs-kley",
                "boot-alerts",
                SEQUENCE.incrementAndGet(),
                TestBatches.co2Alert(
                        id,
                        de.dos2030.iot.model.Severity.WARNING,
                        de.dos2030.iot.model.AlertState.RAISED,
                        1450,
                        1400,
                        java.time.Instant.now().minusSeconds(2)));
    }

    private static void send(Batch batch, String token) throws Exception {
        HttpResponse<String> r = collector.postBatch(BatchCodec.json().encode(batch), "application/json", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
