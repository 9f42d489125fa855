package de.dos2030.iot.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration's {@code driver:} names reach the SCD30, SHT3x and ADXL345 drivers and their simulated chips. */
class ProbeDriverWiringTest {

    static final String HEAD = """
            uplink:
              primary: {url: tcp://127.0.0.1:11883}
            outbox: {directory: outbox}
            sensors:
            """;

    static final String SCHOOL =
            "id: school-test\nsite: {id: test-school, kind: school, name: Test school, room: r1}\n" + HEAD + """
              - id: r1-co2
                driver: scd30
                source: {kind: simulated, scenario: classroom-unaired, seed: 1}
                i2c: {bus: 3, address: 0x61, sda: 23, scl: 24}
                sample-interval: 2s
                calibration: {temperature-offset: 1.5, altitude: 120}
              - id: r1-rh
                driver: sht3x
                source: {kind: simulated, scenario: classroom-unaired, seed: 1}
                i2c: {address: 0x45}
                sample-interval: 10s
            """;

    static final String BRIDGE =
            "id: bridge-test\nsite: {id: test-bridge, kind: bridge, name: Test bridge}\n" + HEAD + """
              - id: deck-acc
                driver: adxl345
                source: {kind: simulated, scenario: bridge-traffic, seed: 7}
                spi: {bus: 0, chip-select: 0, clock: 5MHz}
                sample-rate: 100Hz
              - id: deck-acc2
                driver: adxl345
                source: {kind: simulated, scenario: bridge-traffic, seed: 7}
                i2c: {address: 0x53}
                sample-rate: 400Hz
            """;

    @TempDir
    Path dir;

    String probe(String yaml, int expectedExit, String... extra) throws Exception {
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, yaml);
        var cli = EdgeAgentCommand.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] args = new String[3 + extra.length];
        args[0] = "probe";
        args[1] = "--config";
        args[2] = config.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        int exit = cli.execute(args);
        assertThat(exit).as(out + "" + err).isEqualTo(expectedExit);
        return out.toString();
    }

    @Test
    void probesAnScd30AndAnSht3xInASimulatedClassroom() throws Exception {
        String out = probe(SCHOOL, 0, "--sim-start", "2025-03-10T08:40:00Z");
        assertThat(out)
                .containsPattern(
                        "OK +r1-co2 +SCD30 +i2c-3 0x61 +firmware 3\\.66: co2 \\d+ ppm, temperature [\\d.]+ degC, humidity")
                .containsPattern("OK +r1-rh +SHT3x +i2c-1 0x45 +serial 0x3A[0-9A-F]{6}: temperature")
                .contains("All 2 sensors OK.");
    }

    @Test
    void probesAdxl345OnSpiAndI2cOnASimulatedBridge() throws Exception {
        String out = probe(BRIDGE, 0);
        assertThat(out)
                .containsPattern("OK +deck-acc +ADXL345 +spi-0.0 +DEVID 0xE5: acceleration [\\d.]+ g")
                .containsPattern("OK +deck-acc2 +ADXL345 +i2c-1 0x53 +DEVID 0xE5: acceleration");
    }

    @Test
    void namesAMiswiredScd30() throws Exception {
        String out = probe(SCHOOL, 1, "--simulate-fault", "r1-co2=miswire");
        assertThat(out)
                .contains(
                        "FAIL  r1-co2  SCD30    i2c-3 0x61  SCD30 'r1-co2' did not answer at i2c-3 0x61: check SDA/SCL wiring and 3.3 V power")
                .contains("Answering but not in the configuration: i2c-3 0x62 (SCD4x?)");
    }
}
