package de.dos2030.iot.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsAndAckTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryKeyOfTheCredentialsFileAndHidesSecretsInToString() throws Exception {
        Path file = dir.resolve("gw.properties");
        Files.writeString(file, "username=gw-1\npassword=pw\ntoken=tk\npsk-identity=gw-1\npsk-key-hex=0a0B\n");
        Credentials c = Credentials.load(file);
        assertThat(c.username()).contains("gw-1");
        assertThat(c.password()).contains("pw");
        assertThat(c.token()).contains("tk");
        assertThat(c.pskKey().orElseThrow()).containsExactly(0x0a, 0x0b);
        assertThat(c.toString()).doesNotContain("pw", "tk").contains("***");
    }

    @Test
    void derivesMqttPasswordAndDtlsKeyFromTheCollectorsTokenAsTheCollectorDoes() throws Exception {
        Path file = dir.resolve("token.properties");
        Files.writeString(file, "token=abc\n");
        Credentials c = Credentials.load(file);
        assertThat(c.mqttPassword()).contains("abc");
        assertThat(java.util.HexFormat.of().formatHex(c.psk().orElseThrow()))
                .isEqualTo("230f9449abacbe497e55afb4b8cce2f56419b2d6d4e6eecdbb7b0f6f288cf314") // HMAC-SHA256("abc",
                // "dos-coaps-psk")
                .isNotEqualTo(
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); // not SHA-256("abc"),
        // which the collector's registry stores
    }

    @Test
    void namesTheFileAndKeyWhenTheKeyIsNotHex() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "psk-key-hex=xyz\n");
        assertThatThrownBy(() -> Credentials.load(file))
                .hasMessageContaining("bad.properties")
                .hasMessageContaining("psk-key-hex");
        assertThatThrownBy(() -> Credentials.load(dir.resolve("missing")))
                .hasMessageContaining("cannot read credentials file");
    }

    @Test
    void parsesTheCollectorsAnswerIntoAnOutcome() {
        AckMessage stored =
                AckMessage.parse(("{\"status\":\"stored\",\"gatewayId\":\"gw\",\"bootId\":\"b\",\"sequence\":7,"
                                + "\"stored\":3,\"rejected\":[{\"path\":\"readings[1].value\",\"reason\":\"NaN\"}],\"extra\":{\"x\":1}}")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(stored.sequence()).isEqualTo(7);
        assertThat(stored.rejected()).containsExactly("readings[1].value: NaN");
        assertThat(stored.outcome()).isInstanceOf(SendOutcome.Stored.class);
        AckMessage rejected =
                AckMessage.parse("{\"status\":\"rejected\",\"rejected\":[{\"reason\":\"unknown gateway\"}]}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(rejected.outcome()).isEqualTo(new SendOutcome.Rejected("unknown gateway"));
    }

    @Test
    void refusesAnAnswerThatIsNotOne() {
        assertThat(AckMessage.parse(
                                "{\"status\":\"try_later\",\"retryAfterSeconds\":3}".getBytes(StandardCharsets.UTF_8))
                        .outcome())
                .as("a gateway over its rate retries after the time the collector names, not after the ack timeout")
                .isEqualTo(new SendOutcome.RetryLater(
                        "the collector asks to try later", java.util.Optional.of(java.time.Duration.ofSeconds(3))));
        assertThatThrownBy(() -> AckMessage.parse("{\"status\":\"maybe\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("maybe");
        assertThatThrownBy(() -> AckMessage.parse("[1,2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
