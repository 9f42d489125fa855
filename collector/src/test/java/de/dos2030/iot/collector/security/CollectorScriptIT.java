package de.dos2030.iot.collector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.dos2030.iot.collector.TestCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, finding 9: {@code scripts/collector} without the dev environment refuses to start with
 * a secret that application-dev.yml publishes, and says which one and what to set instead.
 */
class CollectorScriptIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void refusesToStartOutsideDevelopmentWithTheDevelopmentAdminToken() throws Exception {
        assumeTrue(
                Files.exists(ROOT.resolve("collector/target/original-collector.jar")),
                "the collector jar is built in the package phase");
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("scripts/collector").toString()).redirectErrorStream(true);
        pb.environment()
                .putAll(Map.of(
                        "MICRONAUT_ENVIRONMENTS", "",
                        "COLLECTOR_ADMIN_TOKEN", "dev-admin-token-change-me",
                        "COLLECTOR_SECRETS_KEY", TestCollector.SECRETS_KEY,
                        "DATASOURCES_DEFAULT_URL", "jdbc:h2:mem:script-it",
                        "MICRONAUT_SERVER_PORT", "-1",
                        "COLLECTOR_MQTT_ENABLED", "false",
                        "COLLECTOR_COAP_ENABLED", "false"));
        Process collector = pb.start();
        collector.getOutputStream().close();
        boolean exited = collector.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            collector.destroyForcibly();
        }
        String output = new String(collector.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as(output).isTrue();
        assertThat(collector.exitValue()).as(output).isNotZero();
        assertThat(output)
                .contains("collector.admin.token is a development secret (application-dev.yml)")
                .contains("COLLECTOR_ADMIN_TOKEN");
    }
}
