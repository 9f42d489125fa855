package de.dos2030.iot.config.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.dos2030.iot.config.TestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FirmwareConfigCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new FirmwareConfigCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void validateExitsZeroForValidFiles() {
        int exit = run("validate", "examples/school-hardware.yaml", "examples/bridge-replay.yaml");
        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("examples/school-hardware.yaml: valid", "examples/bridge-replay.yaml: valid");
    }

    @Test
    void validateExitsOneAndPrintsEveryProblemWhenAnyFileIsInvalid() {
        int exit = run(
                "validate",
                "examples/school-hardware.yaml",
                TestFiles.BROKEN.resolve("unknown-key.yaml").toString());
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains(
                        "unknown-key.yaml:12:11: sensors[0].i2c.adress: unknown key 'adress', "
                                + "did you mean 'address'?",
                        "unknown-key.yaml: 2 problems");
    }

    @Test
    void validateReportsAMissingFileAsAProblem() {
        assertThat(run("validate", "no-such.yaml")).isEqualTo(1);
        assertThat(err.toString()).contains("no-such.yaml:1:1: cannot read the file: NoSuchFileException");
    }

    @Test
    void schemaPrintsAJsonSchema() throws Exception {
        assertThat(run("schema")).isZero();
        var schema = new ObjectMapper().readTree(out.toString());
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("$defs").has("sensor")).isTrue();
    }

    @Test
    void bootConfigPrintsTheLinesTheWiringNeedsWithReasons() {
        assertThat(run("boot-config", "examples/bridge-hardware.yaml")).isZero();
        assertThat(out.toString())
                .contains(
                        "dtparam=i2c_arm=on\n",
                        "dtparam=i2c_arm_baudrate=100000\n",
                        "dtparam=spi=on\n",
                        "# SPI0 on GPIO 9/10/11 with chip selects CE0, CE1\n");
    }

    @Test
    void explainSummarisesSensorsRulesAndOutputs() {
        assertThat(run("explain", "examples/school-hardware.yaml")).isZero();
        assertThat(out.toString())
                .contains(
                        "r204-air: SCD41, hardware, i2c-1 0x62 (SDA GPIO 2, SCL GPIO 3)",
                        "rule r204-co2 on co2: warning above 1000 ppm; critical above 2000 ppm",
                        "traffic light: green GPIO 17, yellow GPIO 27, red GPIO 22 (active high)");
    }

    @Test
    void commandsOnAnInvalidFileExitOne() {
        String broken = TestFiles.BROKEN.resolve("same-bus-address.yaml").toString();
        assertThat(run("explain", broken)).isEqualTo(1);
        assertThat(run("boot-config", broken)).isEqualTo(1);
        assertThat(err.toString()).contains("i2c-1 address 0x62 is already taken by sensor 'air'");
    }

    @Test
    void unknownCommandIsAUsageErrorWithExitTwo() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("validate")).isEqualTo(2);
    }
}
