package de.dos2030.iot.collector.opendata;

import static de.dos2030.iot.collector.opendata.OpenData.YESTERDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.security.Role;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The open exports on a real collector and the dev InfluxDB: what anonymous callers and token holders
 * get, the two dialects, the zip and data package, ETag and 304, and the 400s naming the parameter.
 */
class OpenExportIT {
    static TestCollector collector;
    static String viewer;
    static String site;
    static String hidden;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        collector = new TestCollector(Map.of(
                "collector.open.trusted-proxies", "127.0.0.1",
                "collector.open.public-url", "https://daten.example.de"));
        viewer = collector.apiToken("open-viewer", Role.VIEWER);
        String id = UUID.randomUUID().toString().substring(0, 8);
        site = "ox-" + id;
        hidden = "oxh-" + id;
        Instant now = Instant.now();
        OpenData.seed(collector, "oxg-" + id, site, now);
        OpenData.seed(collector, "oxhg-" + id, hidden, now);
        HttpResponse<String> r =
                collector.send("PATCH", "/api/v1/sites/" + site, TestCollector.ADMIN_TOKEN, "{\"public\":true}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> csv(path(site, YESTERDAY + ".csv"), viewer).size() == 1 + OpenData.SAMPLES);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    static String path(String s, String file) {
        return "/open/v1/sites/" + s + "/locations/r204/" + file;
    }

    static List<CSVRecord> csv(String path, String bearer) throws Exception {
        HttpResponse<byte[]> r = OpenData.get(collector, path, bearer, null);
        assertThat(r.statusCode()).as(path + ": " + text(r)).isEqualTo(200);
        return CSVFormat.RFC4180.parse(new StringReader(text(r))).getRecords();
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aTokenGetsEverySampleOfYesterdayWithUnitsAndQualities() throws Exception {
        List<CSVRecord> rows = csv(path(site, YESTERDAY + ".csv?dialect=rfc4180"), viewer);
        assertThat(rows.get(0).toList())
                .containsExactly(
                        "time_local",
                        "time_utc",
                        "co2 [ppm]",
                        "co2 quality",
                        "temperature [degC]",
                        "temperature quality",
                        "humidity [%]",
                        "humidity quality");
        assertThat(rows.get(1).toList())
                .containsExactly(
                        YESTERDAY + " 09:00:00", OpenData.START.toString(), "600.5", "ok", "21", "ok", "40", "ok");
        assertThat(rows.get(1 + OpenData.SUSPECT).get(3)).isEqualTo("suspect");
        assertThat(rows).hasSize(1 + OpenData.SAMPLES);
    }

    @Test
    void aScopedTokenReadsItsSitesLiveAndOtherSitesAsAnyoneDoes() throws Exception {
        String scoped = collector
                .context
                .getBean(de.dos2030.iot.collector.security.ApiTokens.class)
                .issue(
                        "open-scoped",
                        "scoped",
                        Role.VIEWER,
                        de.dos2030.iot.collector.security.Scope.sites(List.of(hidden)),
                        new de.dos2030.iot.collector.security.Caller("admin", Role.ADMIN))
                .token();
        assertThat(csv(path(hidden, YESTERDAY + ".csv?dialect=rfc4180"), scoped))
                .hasSize(1 + OpenData.SAMPLES);
        assertThat(csv(path(site, YESTERDAY + ".csv?dialect=rfc4180"), scoped)).hasSize(1 + 3); // public windows
        String other = collector
                .context
                .getBean(de.dos2030.iot.collector.security.ApiTokens.class)
                .issue(
                        "open-other",
                        "other",
                        Role.VIEWER,
                        de.dos2030.iot.collector.security.Scope.sites(List.of("ox-elsewhere")),
                        new de.dos2030.iot.collector.security.Caller("admin", Role.ADMIN))
                .token();
        assertThat(OpenData.get(collector, path(hidden, YESTERDAY + ".csv"), other, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anAnonymousCallerGetsTenMinuteWindowsOfYesterdayAndNothingOfToday() throws Exception {
        HttpResponse<byte[]> r = OpenData.anonymous(collector, path(site, YESTERDAY + ".csv?dialect=rfc4180"));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        List<CSVRecord> rows =
                CSVFormat.RFC4180.parse(new StringReader(text(r))).getRecords();
        assertThat(rows).hasSize(1 + 3); // 09:00, 09:10, 09:20
        assertThat(rows.get(2).get(0)).isEqualTo(YESTERDAY + " 09:10:00");
        double mean = 0;
        for (int i = 60; i < 120; i++) {
            mean += OpenData.co2(i) / 60;
        }
        assertThat(Double.parseDouble(rows.get(2).get(2))).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");

        LocalDate today = LocalDate.now(OpenData.BERLIN);
        HttpResponse<byte[]> anonymousToday = OpenData.anonymous(collector, path(site, today + ".csv"));
        assertThat(anonymousToday.statusCode()).isEqualTo(404);
        assertThat(text(anonymousToday)).contains("is public yet: school data becomes public after a delay");
        List<CSVRecord> tokenToday = csv(path(site, today + ".csv"), viewer);
        assertThat(tokenToday).hasSize(2);
        assertThat(tokenToday.get(1).get(2)).isEqualTo("1234");
    }

    @Test
    void aSiteThatIsNotPublicIsNotFoundAnonymouslyWordedAsAnUnknownOne() throws Exception {
        HttpResponse<byte[]> notPublic = OpenData.anonymous(collector, path(hidden, YESTERDAY + ".csv"));
        HttpResponse<byte[]> unknown = OpenData.anonymous(collector, path("ox-nowhere", YESTERDAY + ".csv"));
        assertThat(notPublic.statusCode()).isEqualTo(404);
        assertThat(text(notPublic).replace(hidden, "X")).isEqualTo(text(unknown).replace("ox-nowhere", "X"));
        assertThat(csv(path(hidden, YESTERDAY + ".csv"), viewer)).hasSize(1 + OpenData.SAMPLES);
    }

    @Test
    void aClosedPeriodGivesTheSameBytesAndEtagAndA304() throws Exception {
        String p = path(site, YESTERDAY + ".csv?window=10m&dialect=excel-de");
        HttpResponse<byte[]> a = OpenData.anonymous(collector, p);
        HttpResponse<byte[]> b = OpenData.anonymous(collector, p);
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(b.body()).isEqualTo(a.body());
        String etag = a.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").doesNotStartWith("W/");
        assertThat(b.headers().firstValue("ETag")).hasValue(etag);
        HttpResponse<byte[]> again = OpenData.anonymous(collector, p, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(OpenData.anonymous(collector, path(site, YESTERDAY + ".csv?window=1h&dialect=excel-de"))
                        .headers()
                        .firstValue("ETag"))
                .isPresent()
                .isNotEqualTo(java.util.Optional.of(etag));
        HttpResponse<byte[]> today =
                OpenData.get(collector, path(site, LocalDate.now(OpenData.BERLIN) + ".csv"), viewer, null);
        assertThat(today.headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void germanCallersGetExcelDeWithBomSemicolonsAndDecimalCommas() throws Exception {
        HttpResponse<byte[]> r = OpenData.get(
                collector, path(site, YESTERDAY + ".csv"), viewer, null, "Accept-Language", "de-DE,de;q=0.9,en;q=0.5");
        assertThat(r.body()).startsWith(0xEF, 0xBB, 0xBF);
        String[] lines = text(r).substring(1).split("\r\n");
        assertThat(lines[0]).startsWith("time_local;time_utc;co2 [ppm];co2 quality;");
        assertThat(lines[1]).startsWith(YESTERDAY + " 09:00:00;" + OpenData.START + ";600,5;ok;21;ok;40;ok");
        HttpResponse<byte[]> english = OpenData.get(
                collector, path(site, YESTERDAY + ".csv"), viewer, null, "Accept-Language", "en-GB,de;q=0.5");
        assertThat(text(english)).startsWith("time_local,time_utc,");
    }

    @Test
    void theMonthZipHoldsTheDataPackageAndTheCsv() throws Exception {
        String month = YESTERDAY.toString().substring(0, 7);
        HttpResponse<byte[]> r = OpenData.get(collector, path(site, month + ".zip?window=1h"), viewer, null);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        // A closed month (long past) gives the same zip, data package included, each time.
        HttpResponse<byte[]> closed = OpenData.get(collector, path(site, "2025-01.zip?window=1h"), viewer, null);
        HttpResponse<byte[]> again = OpenData.get(collector, path(site, "2025-01.zip?window=1h"), viewer, null);
        assertThat(again.body()).as("a second download of a closed month's zip").isEqualTo(closed.body());
        assertThat(again.headers().firstValue("ETag"))
                .isPresent()
                .isEqualTo(closed.headers().firstValue("ETag"));
        String csvName = site + "_r204_" + month + "_1h.csv";
        assertThat(entries).containsOnlyKeys("datapackage.json", csvName);
        String packageText = new String(entries.get("datapackage.json"), StandardCharsets.UTF_8);
        // Keys in a fixed order (not Map.of's, which changes with each JVM start): the same bytes after a restart.
        assertThat(packageText)
                .startsWith("{\"profile\":\"tabular-data-package\",\"name\":")
                .contains("\"dialect\":{\"delimiter\":\",\",\"lineTerminator\":\"\\r\\n\",\"quoteChar\"")
                .contains("{\"name\":\"co2 [ppm]\",\"type\":\"number\",\"unit\":\"ppm\",\"description\"");
        JsonNode pkg = JSON.readTree(entries.get("datapackage.json"));
        assertThat(pkg.path("licenses").get(0).path("name").asText()).isEqualTo("dl-by-de/2.0");
        JsonNode resource = pkg.path("resources").get(0);
        assertThat(resource.path("path").asText()).isEqualTo(csvName);
        JsonNode co2 = resource.path("schema").path("fields").get(2);
        assertThat(co2.path("name").asText()).isEqualTo("co2 [ppm]");
        assertThat(co2.path("unit").asText()).isEqualTo("ppm");
        assertThat(pkg.path("sources").get(0).path("path").asText())
                .isEqualTo("https://daten.example.de/sta/v1.1/Things('" + site + ":r204')");
        String csv = new String(entries.get(csvName), StandardCharsets.UTF_8);
        assertThat(csv).contains(YESTERDAY + " 09:00:00,");

        HttpResponse<byte[]> standalone =
                OpenData.get(collector, path(site, YESTERDAY + ".datapackage.json"), viewer, null);
        assertThat(JSON.readTree(standalone.body())
                        .path("resources")
                        .get(0)
                        .path("path")
                        .asText())
                .isEqualTo("https://daten.example.de" + path(site, YESTERDAY + ".csv?dialect=rfc4180"));
    }

    @Test
    void badInputIsRefusedWith400NamingTheParameter() throws Exception {
        Map<String, String> cases = Map.of(
                path(site, "2025-02-30.csv"), "date '2025-02-30'",
                path(site, "2025-13.zip"), "month '2025-13'",
                path(site, YESTERDAY + ".csv?window=5m"), "window '5m'",
                path(site, YESTERDAY + ".csv?dialect=xls"), "dialect 'xls'",
                path(site, YESTERDAY + ".xlsx"), "file '");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<byte[]> r = OpenData.anonymous(collector, c.getKey());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(text(r)).as(c.getKey()).contains(c.getValue());
        }
    }

    @Test
    void anUnknownTokenIsRefusedRatherThanGivenThePublicView() throws Exception {
        HttpResponse<byte[]> r = OpenData.get(collector, path(site, YESTERDAY + ".csv"), "no-such-token", null);
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void pythonsCsvModuleReadsTheRfc4180ExportAndWritesTheSameBytesBack() throws Exception {
        byte[] sent = OpenData.get(collector, path(site, YESTERDAY + ".csv?dialect=rfc4180"), viewer, null)
                .body();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("open-csv");
        java.nio.file.Path in = dir.resolve("in.csv");
        java.nio.file.Path out = dir.resolve("out.csv");
        java.nio.file.Files.write(in, sent);
        String script = String.join(
                "\n",
                "import csv, sys",
                "with open(sys.argv[1], newline='', encoding='utf-8') as f: rows = list(csv.reader(f))",
                "with open(sys.argv[2], 'w', newline='', encoding='utf-8') as f: csv.writer(f).writerows(rows)",
                "print(len(rows), rows[1][2], float(rows[1][2]) + float(rows[2][2]))");
        String printed = run(List.of("python3", "-c", script, in.toString(), out.toString()));
        assertThat(printed.trim()).isEqualTo((1 + OpenData.SAMPLES) + " 600.5 " + (OpenData.co2(0) + OpenData.co2(1)));
        assertThat(java.nio.file.Files.readAllBytes(out)).isEqualTo(sent);
    }

    @Test
    void libreOfficeOpensTheExcelDeExportWithNumericCells() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new java.io.File("/usr/bin/soffice").canExecute(),
                "soffice is not installed: install libreoffice-calc (scripts/dev-services.sh does) to run this test");
        byte[] sent = OpenData.get(collector, path(site, YESTERDAY + ".csv?dialect=excel-de"), viewer, null)
                .body();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("open-lo");
        java.nio.file.Path in = dir.resolve("export.csv");
        java.nio.file.Files.write(in, sent);
        // What the import dialog of a German LibreOffice proposes: semicolon, double quote, UTF-8, German locale.
        run(List.of(
                "soffice",
                "-env:UserInstallation=" + dir.resolve("profile").toUri(),
                "--headless",
                "--infilter=CSV:59,34,76,1,,1031",
                "--convert-to",
                "fods",
                "--outdir",
                dir.toString(),
                in.toString()));
        String sheet = java.nio.file.Files.readString(dir.resolve("export.fods"));
        assertThat(sheet)
                .contains("office:value-type=\"float\" office:value=\"600.5\"")
                .contains("office:value-type=\"float\" office:value=\"21.07\"");
        java.util.regex.Matcher floats =
                java.util.regex.Pattern.compile("office:value-type=\"float\"").matcher(sheet);
        int count = 0;
        while (floats.find()) {
            count++;
        }
        assertThat(count).as("numeric cells: three quantities per row").isGreaterThanOrEqualTo(3 * OpenData.SAMPLES);
    }

    @Test
    void anAnonymousClientThatAsksTooOftenGets429WithRetryAfterAndOthersDoNot() throws Exception {
        String p = path(site, "not-a-file");
        HttpResponse<byte[]> limited = null;
        for (int i = 0; i < 200 && limited == null; i++) {
            HttpResponse<byte[]> r = OpenData.get(collector, p, null, "203.0.113.9");
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(400);
            }
        }
        assertThat(limited).as("no 429 after 200 requests").isNotNull();
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isPositive();
        assertThat(text(limited)).contains("too many requests");
        assertThat(OpenData.get(collector, p, null, "203.0.113.10").statusCode())
                .isEqualTo(400);
        assertThat(OpenData.get(collector, p, viewer, "203.0.113.9").statusCode())
                .isEqualTo(400);
        assertThat(OpenData.get(collector, p, null, "203.0.113.9").statusCode()).isEqualTo(429);
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS))
                .as(command + " timed out")
                .isTrue();
        assertThat(p.exitValue()).as(command + ": " + out).isZero();
        return out;
    }
}
