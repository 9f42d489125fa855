package de.dos2030.iot.collector.gateways.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code edge-agent enroll} (the built jar, in its own JVM) against a real collector: the token
 * it writes works, and a second use of the code fails with the collector's message and writes nothing.
 * Needs {@code edge-agent/target/edge-agent.jar} ({@code mvn -pl edge-agent -am package -DskipTests}).
 */
class AgentEnrolIT {
    static TestCollector collector;
    static final Path JAR = Path.of(System.getProperty("repo.root", ".."), "edge-agent/target/edge-agent.jar");
    static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of());
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    record Run(int exit, String output) {}

    static Run agent(String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as("edge-agent enroll finished")
                .isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theAgentEnrolsOnceAndItsTokenIsTheGatewaysOwn() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "build the agent first: " + JAR);
        String gw = "ae-" + RUN;
        HttpResponse<String> claim = collector.send(
                "POST",
                "/admin/gateways/" + gw + "/claims",
                TestCollector.ADMIN_TOKEN,
                "{\"siteId\":\"gs-" + RUN + "\",\"siteKind\":\"school\"}");
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(201);
        String code = claim.body().replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");
        Path file = dir.resolve("credentials.properties");
        String[] args = {
            "enroll",
            "--collector",
            collector.url(""),
            "--claim",
            code,
            "--credentials",
            file.toString(),
            "--owner",
            System.getProperty("user.name")
        };

        Run first = agent(args);

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("Enrolled as gateway " + gw + " at site gs-" + RUN + " (school)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r-----");
        Properties written = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            written.load(in);
        }
        assertThat(collector.context.getBean(GatewayRegistry.class).authenticate(written.getProperty("token")))
                .hasValueSatisfying(g -> assertThat(g.id()).isEqualTo(gw));

        Path second = dir.resolve("again.properties");
        args[6] = second.toString();
        Run again = agent(args);

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.output()).contains("HTTP 409", "already used", "nothing was written");
        assertThat(second).doesNotExist();
    }
}
