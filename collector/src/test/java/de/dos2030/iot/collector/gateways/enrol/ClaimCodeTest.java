package de.dos2030.iot.collector.gateways.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimCodeTest {

    @Test
    void aNewCodeIsFourGroupsOfFourFromTheAlphabetAndReadsBackAsItself() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = ClaimCode.random();
            assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
            assertThat(ClaimCode.normalise(code)).contains(code.replace("-", ""));
            seen.add(code);
        }
        assertThat(seen).as("80 random bits do not repeat in 2000 draws").hasSize(2000);
    }

    @Test
    void typingIsForgivingAboutCaseSpacesDashesAndLookAlikes() {
        assertThat(ClaimCode.normalise("7kq2 m9xd-4htr cOvw")).contains("7KQ2M9XD4HTRC0VW");
        assertThat(ClaimCode.normalise("IIII-LLLL-OOOO-oooo")).contains("1111111100000000");
    }

    @Test
    void somethingThatCannotBeACodeIsRefused() {
        assertThat(ClaimCode.normalise("7KQ2-M9XD-4HTR")).isEmpty();
        assertThat(ClaimCode.normalise("7KQ2-M9XD-4HTR-C0VU"))
                .as("U is not in the alphabet")
                .isEmpty();
        assertThat(ClaimCode.normalise(null)).isEmpty();
        assertThat(ClaimCode.normalise("7".repeat(100))).isEmpty();
    }

    @Test
    void theHashIsSha256HexOfTheCanonicalCodeAndNotTheCode() {
        String hash = ClaimCode.hash("7KQ2M9XD4HTRC0VW");
        assertThat(hash).hasSize(64).matches("[0-9a-f]+").doesNotContain("7KQ2");
        assertThat(ClaimCode.hash("7KQ2M9XD4HTRC0VX")).isNotEqualTo(hash);
    }
}
