package de.dos2030.iot.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReturnPathTest {

    @Test
    void keepsPathsOnThisSiteWithTheirQuery() {
        assertThat(ReturnPath.of("/flotte?zustand=offline&art=school")).isEqualTo("/flotte?zustand=offline&art=school");
        assertThat(ReturnPath.of("/flotte/gw-1")).isEqualTo("/flotte/gw-1");
        assertThat(ReturnPath.of("/")).isEqualTo("/");
    }

    @Test
    void sendsEverythingThatCouldLeaveTheSiteHome() {
        for (String evil : new String[] {
            null,
            "",
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "javascript:alert(1)",
            "flotte",
            "/flotte\r\nSet-Cookie: x=y",
            "/flotte\t",
            "/" + "a".repeat(2001)
        }) {
            assertThat(ReturnPath.of(evil)).as(String.valueOf(evil)).isEqualTo("/");
        }
    }
}
