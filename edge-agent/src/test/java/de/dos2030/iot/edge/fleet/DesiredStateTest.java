package de.dos2030.iot.edge.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DesiredStateTest {

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheConfigurationAndTheAgentRelease() {
        String yaml = "id: gw\n";
        String sha = "a".repeat(64);
        DesiredState d = DesiredState.parse(json("{\"config\":{\"version\":\"" + ConfigVersion.of(yaml)
                + "\",\"yaml\":\"id: gw\\n\"},\"agent\":{\"version\":\"0.2.0\",\"sha256\":\"" + sha
                + "\",\"signature\":\"c2ln\",\"url\":\"/api/v1/releases/0.2.0/edge-agent.jar\"}}"));

        assertThat(d.config()).hasValueSatisfying(c -> assertThat(c.yaml()).isEqualTo(yaml));
        assertThat(d.agent())
                .contains(new DesiredState.AgentPart("0.2.0", sha, "c2ln", "/api/v1/releases/0.2.0/edge-agent.jar"));
    }

    @Test
    void nullPartsMeanNothingIsDesired() {
        DesiredState d = DesiredState.parse(json("{\"config\":null,\"agent\":null}"));

        assertThat(d.config()).isEmpty();
        assertThat(d.agent()).isEmpty();
    }

    @Test
    void refusesAYamlThatDoesNotHashToItsVersion() {
        assertThatThrownBy(() -> DesiredState.parse(
                        json("{\"config\":{\"version\":\"sha256:0123456789ab\",\"yaml\":\"id: gw\\n\"}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "hashes to " + ConfigVersion.of("id: gw\n") + ", not to its version sha256:0123456789ab");
    }

    @Test
    void refusesADocumentLargerThanTheLimit() {
        byte[] big = new byte[DesiredState.MAX_BYTES + 1];

        assertThatThrownBy(() -> DesiredState.parse(big))
                .hasMessage("desired state of 262145 bytes is larger than 262144 bytes");
    }

    @Test
    void namesTheFieldThatIsMalformed() {
        assertThatThrownBy(() -> DesiredState.parse(json("{\"agent\":{\"version\":\"1\",\"sha256\":\"xyz\"}}")))
                .hasMessage("agent.sha256 'xyz' is not 64 lower-case hex digits");
        assertThatThrownBy(() -> DesiredState.parse(json("{\"config\":{\"version\":7}}")))
                .hasMessage("config.version is not a string");
        assertThatThrownBy(() -> DesiredState.parse(json("not json")))
                .hasMessageStartingWith("desired state is not JSON");
    }
}
