package de.dos2030.iot.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The classroom, bridge and explorer pages in headless Chromium against a real collector and
 * InfluxDB, with place reports and readings sent by gateways through the HTTP door: every page at
 * phone and desktop size without console errors, sideways scrolling or axe violations; the classroom
 * display taking a new reading without reload; a public school readable without sign-in and showing
 * nothing of the gateways; the explorer naming the tiers it read. One browser and collector per class.
 */
class PlacePagesBrowserIT {
    static TestCollector collector;
    static Browser browser;
    static String viewer;
    static String schoolToken;
    static final AtomicLong SEQUENCE = new AtomicLong();
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final java.time.ZoneId BERLIN = java.time.ZoneId.of("Europe/Berlin");

    @BeforeAll
    static void start() throws Exception {
        collector = new TestCollector(Map.of());
        viewer = collector.apiToken("pages-viewer", Role.VIEWER);
        schoolToken =
                collector.register("pp-school-1", "gs-kley", SiteKind.SCHOOL).token();
        String closedSchool =
                collector.register("pp-school-2", "gs-closed", SiteKind.SCHOOL).token();
        String bridgeToken =
                collector.register("pp-bridge-1", "br-ruhr", SiteKind.BRIDGE).token();
        List<Reading> air = new ArrayList<>();
        for (int i = 120; i >= 1; i--) {
            Instant t = NOW.minusSeconds(60L * i);
            air.add(Reading.sample("r204.co2", Quantity.CO2, t, 600 + 8 * (120 - i)));
            air.add(Reading.sample("r204.temp", Quantity.TEMPERATURE, t, 21.5));
            air.add(Reading.sample("r204.rh", Quantity.RELATIVE_HUMIDITY, t, 45));
        }
        // yesterday morning's lesson: what anonymous visitors may see (school data is public from the next day)
        Instant yesterday = java.time.LocalDate.ofInstant(NOW, BERLIN)
                .minusDays(1)
                .atTime(10, 0)
                .atZone(BERLIN)
                .toInstant();
        for (int i = 0; i < 30; i++) {
            Instant t = yesterday.plusSeconds(60L * i);
            air.add(Reading.sample("r204.co2", Quantity.CO2, t, 1234));
            air.add(Reading.sample("r204.temp", Quantity.TEMPERATURE, t, 20));
            air.add(Reading.sample("r204.rh", Quantity.RELATIVE_HUMIDITY, t, 40));
        }
        send("pp-school-1", "gs-kley", air, school("Grundschule Kley"), schoolToken);
        send(
                "pp-school-2",
                "gs-closed",
                List.of(Reading.sample("r1.co2", Quantity.CO2, NOW.minusSeconds(60), 700)),
                new PlaceReport(
                        SiteKind.SCHOOL,
                        "Geheime Schule",
                        null,
                        51.5,
                        7.4,
                        "Europe/Berlin",
                        List.of(new PlaceReport.Location("r1", LocationKind.ROOM, "Raum 1", 0, "R1", null)),
                        Map.of("r1.co2", "r1")),
                closedSchool);
        List<Reading> bridge = new ArrayList<>();
        for (int i = 120; i >= 1; i--) {
            Instant t = NOW.minusSeconds(60L * i);
            bridge.add(Reading.sample("f2.strain", Quantity.STRAIN, t, 120 + i % 7));
            bridge.add(Reading.sample("f2.tilt", Quantity.TILT, t, 0.012));
            bridge.add(Reading.sample("f2.acc", Quantity.VIBRATION_RMS, t, 0.004));
            bridge.add(Reading.sample("f2.acc", Quantity.VIBRATION_PEAK, t, 0.012));
            bridge.add(Reading.sample("f2.acc", Quantity.DOMINANT_FREQUENCY, t, 3.2));
        }
        send(
                "pp-bridge-1",
                "br-ruhr",
                bridge,
                new PlaceReport(
                        SiteKind.BRIDGE,
                        "Ruhrbrücke Schwerte",
                        null,
                        51.446,
                        7.565,
                        "Europe/Berlin",
                        List.of(new PlaceReport.Location("feld-2", LocationKind.SECTION, "Feld 2", null, null, 42.0)),
                        Map.of("f2.strain", "feld-2", "f2.tilt", "feld-2", "f2.acc", "feld-2"),
                        List.of(new PlaceReport.Limit("f2.strain", Quantity.STRAIN, 150.0, 200.0, null, -50.0))),
                bridgeToken);
        HttpResponse<String> patch = collector.send(
                "PATCH",
                "/api/v1/sites/gs-kley",
                TestCollector.ADMIN_TOKEN,
                "{\"public\":true}",
                "Content-Type",
                "application/json");
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        collector.close();
    }

    @BeforeEach
    void freshBrowserSession() {
        browser.open(collector.url("/"));
        browser.driver.manage().deleteAllCookies();
        browser.consoleErrors("before");
    }

    @Test
    void everyNewPageFitsAPhoneAndADesktopWithoutConsoleErrorsOrAccessibilityViolations() {
        List<String> problems = new ArrayList<>();
        signIn(viewer);
        visit("/schulen", "schools", problems);
        visit("/schulen/gs-kley", "school", problems);
        visit("/schulen/gs-kley/r204", "classroom", problems);
        visit("/bruecken/br-ruhr", "bridge", problems);
        assertThat(browser.driver
                        .findElement(By.tagName("main"))
                        .getText()
                        .replace('\u00a0', ' ')
                        .replace('\u2212', '-'))
                .as("the limits of the gateway's rules, as its place report gave them")
                .contains("kritisch über 200 µm/m")
                .contains("Warnung über 150 µm/m")
                .contains("kritisch unter -50 µm/m")
                .contains("keine Regel");
        visit("/bruecken/br-ruhr?zeitraum=monat", "bridge-month", problems);
        visit("/explorer", "explorer", problems);
        visit("/explorer?site=gs-kley&quantity=co2&range=24h&window=5m&aggregate=mean", "explorer-answer", problems);
        visit("/explorer?site=gs-kley&quantity=co2&range=1h&window=36h", "explorer-errors", problems);
        assertThat(browser.driver.findElement(By.className("error-summary")).getText())
                .contains("Fenster");
        assertThat(browser.driver.findElement(By.id("window-error")).getText()).contains("PT36H");
        visit("/schulen/gs-kley/no-such-room", "classroom-not-found", problems);
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Seite nicht gefunden");
        assertThat(problems).isEmpty();
    }

    @Test
    void theClassroomShowsANewReadingWithinFiveSecondsWithoutReloading() throws Exception {
        signIn(viewer); // a classroom display signs in: anonymous visitors see the delayed public view
        browser.open(collector.url("/schulen/gs-kley/r204"));
        assertThat(browser.driver
                        .findElement(By.cssSelector("[data-live='co2']"))
                        .getText())
                .isEqualTo("1.552 ppm");
        browser.js("window.notReloaded = true;");
        send(
                "pp-school-1",
                "gs-kley",
                List.of(Reading.sample("r204.co2", Quantity.CO2, Instant.now(), 2345)),
                null,
                schoolToken);
        new WebDriverWait(browser.driver, Duration.ofSeconds(5))
                .withMessage("the new reading on the page within 5 s")
                .until(d -> d.findElement(By.cssSelector("[data-live='co2']"))
                        .getText()
                        .equals("2.345 ppm"));
        assertThat(browser.driver.findElement(By.cssSelector(".air__state")).getText())
                .contains("Sofort lüften");
        assertThat(browser.js("return window.notReloaded === true;")).isEqualTo(true);
        assertThat(browser.consoleErrors("classroom live")).isEmpty();
    }

    @Test
    void aPublicSchoolIsReadableWithoutSignInAndShowsNothingOfItsGateways() {
        browser.open(collector.url("/schulen/gs-kley/r204"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/schulen/gs-kley/r204");
        String page = browser.driver.getPageSource();
        assertThat(page).contains("Klasse 4b").contains("Öffentliche Ansicht");
        Instant midnight = java.time.LocalDate.ofInstant(Instant.now(), BERLIN)
                .atStartOfDay(BERLIN)
                .toInstant();
        Instant shown = Instant.parse(browser.driver
                .findElement(By.cssSelector("time[data-live='updated']"))
                .getAttribute("datetime"));
        assertThat(shown)
                .as("a public 10-minute window of yesterday (Berlin), never today's")
                .isBefore(midnight)
                .isAfterOrEqualTo(midnight.minus(Duration.ofDays(1)));
        assertThat(page).doesNotContain("1.552 ppm").contains("Letzter veröffentlichter Tag");
        assertThat(browser.check("classroom-public"))
                .as("phone, desktop, axe, console")
                .isEmpty();
        assertThat(page)
                .doesNotContain("pp-school-1")
                .doesNotContain("r204.co2")
                .doesNotContain("Bearer")
                .doesNotContain("Agent")
                .doesNotContain("Geheime Schule");
        browser.open(collector.url("/schulen"));
        assertThat(browser.driver.getPageSource()).contains("Grundschule Kley").doesNotContain("Geheime Schule");
        browser.open(collector.url("/schulen/gs-closed/r1"));
        assertThat(browser.driver.getCurrentUrl()).contains("/anmelden?ziel=%2Fschulen%2Fgs-closed%2Fr1");
        browser.open(collector.url("/bruecken/br-ruhr"));
        assertThat(browser.driver.getCurrentUrl()).contains("/anmelden?ziel=");
        browser.open(collector.url("/explorer"));
        assertThat(browser.driver.getCurrentUrl()).contains("/anmelden?ziel=%2Fexplorer");
    }

    @Test
    void theExplorerSaysWhichTiersALongRangeWasReadFrom() throws Exception {
        signIn(viewer);
        // the minimum, so the other tests' later readings cannot change it: 600 ppm two hours ago, whichever day that
        // was
        browser.open(collector.url("/explorer?site=gs-kley&quantity=co2&range=365d&window=1d&aggregate=min"));
        String apiUrl = browser.driver.findElement(By.id("api-url")).getText();
        assertThat(apiUrl)
                .startsWith("/api/v1/series?quantity=co2&site=gs-kley&from=")
                .contains("window=PT24H");
        String api = collector.get(apiUrl, viewer).body();
        String sources = api.replaceAll(".*\"sources\":\\[([^]]*)].*", "$1")
                .replace("\"", "")
                .replace(",", ", ");
        assertThat(sources).isNotBlank();
        assertThat(browser.driver.findElement(By.id("sources")).getText()).startsWith("Gelesen aus: " + sources);
        assertThat(browser.driver.findElement(By.id("serie-0-table")).getAttribute("innerHTML"))
                .contains("<td class=\"num\">600</td>");
    }

    private static PlaceReport school(String name) {
        return new PlaceReport(
                SiteKind.SCHOOL,
                name,
                "Kleyer Weg 1, 44149 Dortmund",
                51.4957,
                7.3855,
                "Europe/Berlin",
                List.of(new PlaceReport.Location("r204", LocationKind.ROOM, "Klasse 4b", 2, "R204", null)),
                Map.of("r204.co2", "r204", "r204.temp", "r204", "r204.rh", "r204"));
    }

    private static void send(String gateway, String site, List<Reading> readings, PlaceReport place, String token)
            throws Exception {
        Batch b = TestBatches.withPlace(gateway, site, "boot-pages", SEQUENCE.incrementAndGet(), readings, place);
        HttpResponse<String> r = collector.postBatch(BatchCodec.json().encode(b), "application/json", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static void visit(String path, String name, List<String> problems) {
        browser.open(collector.url(path));
        problems.addAll(browser.check(name));
    }

    private static void signIn(String token) {
        browser.open(collector.url("/anmelden"));
        browser.driver.findElement(By.id("token")).sendKeys(token, Keys.ENTER);
        new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.getPageSource().contains("Abmelden"));
    }
}
