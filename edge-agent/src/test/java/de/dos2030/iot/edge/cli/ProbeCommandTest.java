package de.dos2030.iot.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCommandTest {

    static final String SCHOOL = """
            id: school-test
            site: {id: test-school, kind: school, name: Test school, room: r1}
            uplink:
              primary: {url: tcp://127.0.0.1:11883}
            outbox: {directory: outbox}
            sensors:
              - id: r1-air
                driver: scd41
                source: {kind: simulated, scenario: classroom-unaired, seed: 1}
                i2c: {bus: 1, address: 0x62}
                sample-interval: 5s
              - id: r1-climate
                driver: bme280
                source: {kind: simulated, scenario: classroom-unaired, seed: 1}
                i2c: {address: 0x76}
                sample-interval: 10s
            """;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    Run probe(String yaml, String... extra) throws Exception {
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
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void reportsEverySensorOkWithIdentityAndAFirstReading() throws Exception {
        Run r = probe(SCHOOL);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .containsPattern("OK +r1-air +SCD41 +i2c-1 0x62 +SCD41 serial 0x[0-9A-F]{12}: co2 \\d+ ppm")
                .containsPattern("OK +r1-climate +BME280 +i2c-1 0x76 +chip id 0x60: temperature")
                .contains("All 2 sensors OK.");
    }

    @Test
    void namesAMiswiredSensorListsWhereTheChipAnswersAndExitsNonZero() throws Exception {
        Run r = probe(SCHOOL, "--simulate-fault", "r1-climate=miswire");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains(
                        "FAIL  r1-climate  BME280   i2c-1 0x76  BME280 'r1-climate' did not answer at i2c-1 0x76: check SDA/SCL wiring and 3.3 V power")
                .containsPattern("OK +r1-air")
                .contains("Answering but not in the configuration: i2c-1 0x77 (BME280/BMP280?)")
                .contains("1 of 2 sensors failed.");
    }

    @Test
    void reportsAFailedSelfTestOrCrcErrorsAsFailures() throws Exception {
        Run r = probe(SCHOOL, "--simulate-fault", "r1-air=crc", "--simulate-fault", "r1-climate=disconnect");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).containsPattern("FAIL +r1-air .*CRC mismatch").contains("2 of 2 sensors failed.");
    }

    @Test
    void refusesAnInvalidConfigurationWithExitTwo() throws Exception {
        Run r = probe(SCHOOL.replace("address: 0x76", "address: 0x99"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("gateway.yaml").contains("0x99");
    }

    @Test
    void probesAReplayedRecording() throws Exception {
        Path data = de.dos2030.iot.edge.recorded.SharedData.file("uci-occupancy/datatest.txt");
        Run r = probe(SCHOOL.substring(0, SCHOOL.indexOf("  - id: r1-air")) + """
                  - id: office
                    driver: scd41
                    source:
                      kind: replay
                      file: %s
                      columns: {co2: CO2, temperature: Temperature}
                      speed: 60
                    sample-interval: 1m
                """.formatted(data));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("datatest.txt, 2665 rows").contains("co2 749 ppm, temperature 23.70 degC");
    }
}
