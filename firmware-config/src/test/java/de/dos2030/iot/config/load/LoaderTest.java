package de.dos2030.iot.config.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.ConfigProblem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoaderTest {

    @Test
    void reportsEveryProblemOfAFileInLineOrderNotOnlyTheFirst() {
        String yaml = """
                id: X
                site: {id: s1, kind: harbour, name: X}
                uplink: {primary: {url: "tcp://127.0.0.1:11883"}, batching: {max-age: 5 parsecs}}
                outbox: {directory: /tmp/o, max-size: 12}
                sensors: []
                """;
        assertThatThrownBy(() -> GatewayConfigLoader.loadString(yaml, Path.of("."), "g.yaml"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::path)
                                .containsExactly(
                                        "id", "site.kind", "uplink.batching.max-age", "outbox.max-size", "sensors"));
    }

    @Test
    void anEmptyFileNamesTheMissingTopLevelKeys() {
        assertThatThrownBy(() -> GatewayConfigLoader.loadString("", Path.of("."), "empty.yaml"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo(
                                        "empty.yaml:1:1: expected a mapping of id, site, uplink, outbox, sensors, outputs, fleet, "
                                                + "got nothing (null)"));
    }
}
