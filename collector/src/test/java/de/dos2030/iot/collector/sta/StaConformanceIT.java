package de.dos2030.iot.collector.sta;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OGC executable test suite for SensorThings ({@code org.opengis.cite:ets-sta10:1.5}, its all-in-one
 * jar, copied to {@code target/ets} by the build) against a collector holding demo-like data, run as
 * its own JVM ({@code java -jar}) with a test-run-props file naming the endpoint and level 1. Every
 * level-1 ("sensing core") test must pass; levels 2 and 3 create and delete entities, which this
 * read-only service does not offer.
 */
class StaConformanceIT {
    private static TestCollector collector;

    @BeforeAll
    static void start() throws Exception {
        // many anonymous requests in a few seconds: the open endpoints' rate limit (OpenAccessFilter) is not under test
        collector = new TestCollector(
                Map.of("collector.open.rate-per-minute", "1000000", "collector.open.rate-burst", "1000000"));
        StaData.school(collector, "ets-" + UUID.randomUUID().toString().substring(0, 8), true);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void passesEveryLevelOneTestOfTheOgcSuite() throws Exception {
        Path jar = Path.of(System.getProperty("repo.root", ".."), "collector", "target", "ets", "ets-sta10-aio.jar");
        assertThat(jar)
                .as("the build copies the suite's jar (mvn verify, dependency:copy)")
                .exists();
        Path work = Files.createTempDirectory("ets-sta10");
        Path props = work.resolve("test-run-props.xml");
        Files.writeString(
                props,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<properties version=\"1.0\">\n"
                        + "  <entry key=\"iut\">" + collector.url("/sta/v1.1") + "</entry>\n"
                        + "  <entry key=\"ics\">1</entry>\n"
                        + "</properties>\n");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Duser.home=" + work,
                        "-jar",
                        jar.toString(),
                        props.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("ets.log").toFile())
                .start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES))
                .as("the suite finishes within 5 minutes")
                .isTrue();
        Path results = find(work, "testng-results.xml");
        assertThat(results).as("the suite wrote its results; log: " + log(work)).isNotNull();
        String xml = Files.readString(results, StandardCharsets.UTF_8);
        List<String> levelOne = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Matcher m = Pattern.compile("<test-method([^>]*)>").matcher(xml);
        while (m.find()) {
            String attrs = m.group(1);
            if ("level-1".equals(attr(attrs, "groups")) && !"true".equals(attr(attrs, "is-config"))) {
                String name = attr(attrs, "name");
                String status = attr(attrs, "status");
                levelOne.add(name);
                if (!"PASS".equals(status)) {
                    failed.add(name + " " + status + failure(xml, m.end()));
                }
            }
        }
        assertThat(levelOne)
                .as("level-1 tests found in " + results)
                .contains(
                        "checkServiceRootUri",
                        "readEntitiesAndCheckResponse",
                        "readEntityAndCheckResponse",
                        "readNonexistentEntity",
                        "readPropertyOfEntityAndCheckResponse",
                        "checkResourcePaths");
        assertThat(failed).as("level-1 failures").isEmpty();
    }

    private static String attr(String attrs, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attrs);
        return m.find() ? m.group(1) : null;
    }

    private static String failure(String xml, int from) {
        int msg = xml.indexOf("<message>", from);
        int end = xml.indexOf("</test-method>", from);
        if (msg < 0 || msg > end) {
            return "";
        }
        return ": " + xml.substring(msg, Math.min(msg + 600, xml.indexOf("</message>", msg) + 10));
    }

    private static Path find(Path dir, String name) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.getFileName().toString().equals(name))
                    .findFirst()
                    .orElse(null);
        }
    }

    private static String log(Path work) {
        try {
            String s = Files.readString(work.resolve("ets.log"));
            return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
        } catch (IOException e) {
            return e.toString();
        }
    }
}
