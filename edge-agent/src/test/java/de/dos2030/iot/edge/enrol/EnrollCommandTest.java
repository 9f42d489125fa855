package de.dos2030.iot.edge.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import de.dos2030.iot.edge.cli.EdgeAgentCommand;
import de.dos2030.iot.edge.uplink.Credentials;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edge-agent enroll} against a JDK HTTP server playing the collector: the file it writes (mode,
 * content, nothing left behind), and that every failure writes nothing and says why.
 */
class EnrollCommandTest {
    static final String OK = "{\"gatewayId\":\"gw-t1\",\"siteId\":\"gs-test\",\"siteKind\":\"school\","
            + "\"location\":\"r1\",\"token\":\"tok-0123456789abcdef\",\"mqttUsername\":\"gw-t1\","
            + "\"reEnrolled\":false,\"collector\":{\"mqtt\":\"ssl://broker:8883\"}}";

    @TempDir
    Path dir;

    HttpServer server;
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicReference<String> answer = new AtomicReference<>(OK);
    final List<String> requests = new ArrayList<>();

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/enroll", ex -> {
            synchronized (requests) {
                requests.add(ex.getRequestMethod() + " "
                        + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status.get(), body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Run enroll(String... args) {
        var cli = EdgeAgentCommand.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "enroll";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Run(cli.execute(all), out.toString(), err.toString());
    }

    Run enrollHere(String... extra) {
        List<String> a = new ArrayList<>(List.of(
                "--collector",
                url(),
                "--claim",
                "7KQ2-M9XD-4HTR-C0VW",
                "--credentials",
                dir.resolve("credentials.properties").toString(),
                "--owner",
                System.getProperty("user.name")));
        a.addAll(List.of(extra));
        return enroll(a.toArray(String[]::new));
    }

    List<String> files() throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheCredentialsWithMode0640AndReportsTheGateway() throws Exception {
        Run r = enrollHere();

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        Path file = dir.resolve("credentials.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r-----");
        Credentials c = Credentials.load(file);
        assertThat(c.token()).contains("tok-0123456789abcdef");
        assertThat(c.username()).contains("gw-t1");
        assertThat(files()).containsExactly("credentials.properties");
        assertThat(r.out())
                .contains("Enrolled as gateway gw-t1 at site gs-test (school), location r1")
                .contains("Collector mqtt endpoint: ssl://broker:8883")
                .doesNotContain("tok-0123456789abcdef");
        assertThat(requests).containsExactly("POST {\"code\":\"7KQ2-M9XD-4HTR-C0VW\"}");
    }

    @Test
    void anExpiredCodeWritesNothingAndSaysSo() throws Exception {
        status.set(410);
        answer.set("{\"error\":\"claim code expired at 2026-12-01T00:00:00Z: ask the operator for a new one\"}");

        Run r = enrollHere();

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("HTTP 410", "claim code expired at", "nothing was written");
        assertThat(files()).isEmpty();
    }

    @Test
    void anUnreachableCollectorWritesNothingAndSaysSo() throws Exception {
        server.stop(0);

        Run r = enrollHere();

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot reach the collector", "nothing was written");
        assertThat(files()).isEmpty();
    }

    @Test
    void anExistingFileIsKeptAndTheCodeNotSpentWithoutForce() throws Exception {
        Path file = dir.resolve("credentials.properties");
        Files.writeString(file, "token=old\n");

        Run r = enrollHere();

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("exists: pass --force", "was not used");
        assertThat(Files.readString(file)).isEqualTo("token=old\n");
        assertThat(requests).isEmpty();

        Run forced = enrollHere("--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(Credentials.load(file).token()).contains("tok-0123456789abcdef");
        assertThat(files()).containsExactly("credentials.properties");
    }

    @Test
    void refusesPlainHttpToAnotherHostUnlessAllowed() throws Exception {
        Run r = enroll(
                "--collector",
                "http://collector.example:18080",
                "--claim",
                "X",
                "--credentials",
                dir.resolve("c.properties").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("refusing to send the claim code over plain http", "--insecure-http");
        assertThat(files()).isEmpty();
    }

    @Test
    void sendsTheGatewayFilesIdsAndShowsItsPlaces() throws Exception {
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, """
                id: gw-t1
                site: {id: gs-test, kind: school, name: Testschule, room: r1}
                uplink:
                  primary: {url: tcp://127.0.0.1:11883}
                outbox: {directory: outbox}
                sensors:
                  - id: r1-air
                    driver: scd41
                    source: {kind: simulated, scenario: classroom-unaired, seed: 1}
                    i2c: {bus: 1, address: 0x62}
                    sample-interval: 5s
                """);

        Run r = enrollHere("--config", config.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(requests)
                .containsExactly(
                        "POST {\"code\":\"7KQ2-M9XD-4HTR-C0VW\",\"gatewayId\":\"gw-t1\",\"siteId\":\"gs-test\"}");
        assertThat(r.out()).contains("Place data from the gateway file: Testschule", "room r1");
    }

    @Test
    void anAnswerWithoutTokenWritesNothing() throws Exception {
        answer.set("{\"gatewayId\":\"gw-t1\",\"siteId\":\"gs-test\"}");

        Run r = enrollHere();

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("has no token");
        assertThat(files()).isEmpty();
    }
}
