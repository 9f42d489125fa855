package de.dos2030.iot.edge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/install-gateway.sh --dry-run}: prints every step, changes nothing, refuses a broken file. */
class InstallGatewayScriptIT {
    static final Path SCRIPT = Path.of("../scripts/install-gateway.sh");
    static final Path EXAMPLE = Path.of("../firmware-config/examples/bridge-hardware.yaml");

    @TempDir
    Path tmp;

    record Result(int exit, String output) {}

    Result dryRun(Path config, Path bootConfig, String... extra) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                "bash",
                SCRIPT.toString(),
                "--config",
                config.toString(),
                "--jar",
                AgentProcess.JAR.toString(),
                "--dry-run"));
        command.addAll(java.util.List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DOS_BOOT_CONFIG", bootConfig.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void printsEveryStepOfTheInstallationAndChangesNothing() throws Exception {
        Path boot = tmp.resolve("config.txt");
        Files.writeString(boot, "dtparam=spi=on\n");
        Result r = dryRun(EXAMPLE, boot);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output())
                .contains(
                        "valid",
                        "[dry-run] useradd --system",
                        "[dry-run] install -m 0755 ",
                        "/opt/dos-edge-agent/launch-agent.sh",
                        "[dry-run] install -m 0644 -o dos-edge -g dos-edge " + AgentProcess.JAR
                                + " /var/lib/dos-edge-agent/agent/a/edge-agent.jar",
                        "[dry-run] ln -sfn a /var/lib/dos-edge-agent/agent/current",
                        "/etc/dos-edge-agent/gateway.yaml",
                        "[dry-run]   dtparam=i2c_arm=on",
                        "[dry-run] install -m 0644 ",
                        "/etc/systemd/system/dos-edge-agent.service",
                        "[dry-run] systemctl enable dos-edge-agent.service",
                        "would ask: Reboot now?");
        assertThat(r.output()).doesNotContain("[dry-run]   dtparam=spi=on"); // already there
        assertThat(Files.readString(boot)).isEqualTo("dtparam=spi=on\n");
        assertThat(Path.of("/opt/dos-edge-agent/edge-agent.jar")).doesNotExist();
        assertThat(Path.of("/var/lib/dos-edge-agent/agent")).doesNotExist();
        assertThat(Path.of("/etc/systemd/system/dos-edge-agent.service")).doesNotExist();
        assertThat(r.output().lines().filter(l -> l.startsWith("+ ")))
                .as("nothing executed")
                .isEmpty();
    }

    @Test
    void enrolsWithAClaimCodeBeforeTheServiceStartsAndNeverPrintsTheCode() throws Exception {
        Result r = dryRun(
                EXAMPLE,
                tmp.resolve("config.txt"),
                "--enroll",
                "https://collector.example",
                "--claim",
                "7KQ2-M9XD-4HTR-C0VW");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("enroll --collector https://collector.example --credentials"
                        + " /etc/dos-edge-agent/credentials.properties --owner root:dos-edge")
                .contains("--claim 7KQ2-****-****-****")
                .doesNotContain("M9XD");
        assertThat(r.output().indexOf("enroll --collector"))
                .as("enrolment comes before the service is enabled")
                .isLessThan(r.output().indexOf("systemctl enable"));
        Result half = dryRun(EXAMPLE, tmp.resolve("config.txt"), "--enroll", "https://collector.example");
        assertThat(half.exit()).isNotZero();
        assertThat(half.output()).contains("--enroll needs --claim CODE");
    }

    @Test
    void refusesABrokenGatewayFileBeforeAnyOtherStep() throws Exception {
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(EXAMPLE).replace("sample-rate: 100Hz", "sample-rate: fast"));
        Result r = dryRun(broken, tmp.resolve("config.txt"));
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("broken.yaml:", "sample-rate", "refusing to install");
        assertThat(r.output()).doesNotContain("useradd", "systemctl");
    }

    @Test
    void rejectsAnUnknownOption() throws Exception {
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), "--config", EXAMPLE.toString(), "--bogus")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isNotZero();
        assertThat(out).contains("unknown option '--bogus'");
    }
}
