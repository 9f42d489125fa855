package de.dos2030.iot.config.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.ConfigProblem;
import de.dos2030.iot.config.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One broken file per validation rule, each naming in its header the exact problems the loader
 * must report ({@code # expect: file:line:column: path: message (allowed: ...)}).
 */
class BrokenFilesTest {

    static List<Path> brokenFiles() {
        return TestFiles.broken();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void reportsExactlyTheExpectedProblems(Path file) throws Exception {
        List<String> expected = TestFiles.header(file, "# expect: ");
        assertThat(expected).as("a broken file names its expected problems").isNotEmpty();
        String text = Files.readString(file);

        assertThatThrownBy(() -> GatewayConfigLoader.loadString(
                        text,
                        file.toAbsolutePath().getParent(),
                        file.getFileName().toString()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems().stream()
                                        .map(ConfigProblem::toString)
                                        .toList())
                                .containsExactlyElementsOf(expected));
    }

    @Test
    void coversEveryValidationRuleTheIssueNames() {
        List<String> names = brokenFiles().stream()
                .map(p -> p.getFileName().toString().replace(".yaml", ""))
                .toList();
        assertThat(names)
                .contains(
                        "unknown-key",
                        "wrong-type",
                        "missing-required-key",
                        "duration-without-unit",
                        "i2c-address-not-7-bit",
                        "duplicate-sensor-id",
                        "same-bus-address",
                        "gpio-used-twice",
                        "gpio-not-on-header",
                        "gpio-clashes-with-i2c",
                        "gpio-clashes-with-spi",
                        "rule-quantity-not-measured",
                        "warning-beyond-critical",
                        "deadband-wider-than-gap",
                        "sample-rate-beyond-chip",
                        "replay-file-missing",
                        "room-not-declared",
                        "rooms-on-a-bridge",
                        "section-at-a-school",
                        "duplicate-room-id",
                        "unknown-time-zone",
                        "mode-bands-overlap",
                        "mode-band-inverted",
                        "mode-band-above-nyquist",
                        "mode-band-narrower-than-resolution",
                        "mode-name-unknown");
    }
}
