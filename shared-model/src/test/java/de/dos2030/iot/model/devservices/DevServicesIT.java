package de.dos2030.iot.model.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.SampleBatches;
import de.dos2030.iot.model.codec.BatchCodec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The services {@code scripts/dev-services.sh start} runs answer as the other modules expect:
 * InfluxDB takes a point over its HTTP API and gives it back, and Mosquitto carries a message
 * (a CBOR batch, byte for byte) from a real publisher to a real subscriber.
 */
class DevServicesIT {
    private static final String INFLUX = "http://127.0.0.1:18086";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void influxDbStoresAPointAndReturnsIt() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> write = http.send(
                HttpRequest.newBuilder(URI.create(INFLUX + "/write?db=dos&precision=ms"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "dev_services_check,run=" + marker + " value=812 1764230400000"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).as(write.body()).isEqualTo(204);

        String query = "SELECT value FROM dev_services_check WHERE run = '" + marker + "'";
        HttpResponse<String> read = http.send(
                HttpRequest.newBuilder(URI.create(INFLUX + "/query?db=dos&epoch=ms&q="
                                + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("[1764230400000,812]");
    }

    @Test
    void mosquittoCarriesABatchFromPublisherToSubscriber() throws Exception {
        String topic = "dos/dev-check/" + UUID.randomUUID() + "/batch";
        Batch batch = SampleBatches.school(Duration.ofMinutes(5), 7);
        Path sent = Files.createTempFile("batch", ".cbor");
        Path received = Files.createTempFile("received", ".cbor");
        Files.write(sent, BatchCodec.cbor().encode(batch));

        Process subscriber = new ProcessBuilder(
                        "mosquitto_sub",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        "11883",
                        "-t",
                        topic,
                        "-q",
                        "1",
                        "-C",
                        "1",
                        "-W",
                        "20",
                        "-N")
                .redirectOutput(received.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        // mosquitto_sub has no "subscribed" signal: publish (retained) so a late subscription still gets it.
        run("mosquitto_pub", "-h", "127.0.0.1", "-p", "11883", "-t", topic, "-q", "1", "-r", "-f", sent.toString());

        assertThat(subscriber.waitFor(25, TimeUnit.SECONDS)).isTrue();
        assertThat(subscriber.exitValue()).isZero();
        assertThat(BatchCodec.cbor().decode(Files.readAllBytes(received)).identity())
                .isEqualTo(batch.identity());
        run("mosquitto_pub", "-h", "127.0.0.1", "-p", "11883", "-t", topic, "-r", "-n"); // clear the retained message
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }
}
