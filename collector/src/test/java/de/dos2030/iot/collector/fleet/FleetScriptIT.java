package de.dos2030.iot.collector.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.model.SiteKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code scripts/collector-gateways} config-set, config-get, rollout, rollout-status and drift against a real collector. */
class FleetScriptIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    static final String SITE = "sc-fleet-" + SUFFIX;
    static TestCollector collector;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of("collector.fleet.rollout-interval", "100ms"));
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    record Run(int exit, String out, String err) {}

    static Run script(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of(ROOT.resolve("scripts/collector-gateways").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("COLLECTOR_URL", collector.url(""));
        pb.environment().put("COLLECTOR_ADMIN_TOKEN", TestCollector.ADMIN_TOKEN);
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void anOperatorSetsAFileSeesItsProblemsRollsOutAndReadsTheDrift() throws Exception {
        String gw = "sc-gw-" + SUFFIX;
        collector.register(gw, SITE, SiteKind.SCHOOL);
        Path dir = Files.createTempDirectory("fleet-script");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, FleetFixtures.schoolFile(gw, SITE).replace("address: 0x62", "address: 0x99"));
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, FleetFixtures.schoolFile(gw, SITE));
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, FleetFixtures.schoolTemplate());

        Run refused = script("config-set", gw, broken.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err())
                .containsPattern(gw + "\\.yaml:\\d+:\\d+: sensors\\[0]\\.i2c\\.address: ")
                .contains("refused");

        Run set = script("config-set", gw, good.toString());
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains(ConfigVersion.of(Files.readString(good)));
        assertThat(script("config-get", gw).out()).contains("id: \"" + gw + "\"");

        Run rollout = script("rollout", template.toString(), "--gateways", gw, "--steps", "100", "--pace", "0s");
        assertThat(rollout.exit()).as(rollout.err()).isZero();
        String id = rollout.out().replaceAll("(?s).*\"id\":\"(ro-[0-9a-f]+)\".*", "$1");
        assertThat(script("rollout-status", id).out()).contains("\"gatewayId\":\"" + gw + "\"");
        assertThat(script("drift").out())
                .contains("\"gatewayId\":\"" + gw + "\"")
                .contains("\"state\":\"pending\"");
    }
}
