package de.dos2030.iot.collector.web.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SiteMapTest {

    @Test
    void anEmptyListDrawsNoMap() {
        assertThat(SiteMap.of(List.of()).isEmpty()).isTrue();
    }

    @Test
    void placesNorthUpEastRightWithinTheDrawing() {
        SiteMap map = SiteMap.of(List.of(
                new SiteMap.Marker("dortmund", "Dortmund", 51.514, 7.465, GatewayState.ONLINE, "/schulen/dortmund"),
                new SiteMap.Marker("schwerte", "Schwerte", 51.443, 7.565, GatewayState.OFFLINE, "/bruecken/schwerte")));
        SiteMap.Placed dortmund = map.placed().get(0);
        SiteMap.Placed schwerte = map.placed().get(1);
        assertThat(Double.parseDouble(dortmund.y())).isLessThan(Double.parseDouble(schwerte.y())); // further north
        assertThat(Double.parseDouble(dortmund.x())).isLessThan(Double.parseDouble(schwerte.x())); // further west
        for (SiteMap.Placed p : map.placed()) {
            assertThat(Double.parseDouble(p.x())).isBetween(SiteMap.PADDING, SiteMap.WIDTH - SiteMap.PADDING);
            assertThat(Double.parseDouble(p.y())).isBetween(SiteMap.PADDING, Double.parseDouble(map.height()));
        }
    }

    @Test
    void aSingleSiteSitsInTheMiddle() {
        SiteMap map = SiteMap.of(List.of(new SiteMap.Marker("a", "A", 51.5, 7.4, GatewayState.LATE, "/schulen/a")));
        assertThat(map.placed().get(0).x()).isEqualTo("300.0");
    }

    @Test
    void refusesAPositionOutsideWgs84() {
        assertThatThrownBy(() -> new SiteMap.Marker("x", "X", 91, 7, GatewayState.ONLINE, "/schulen/x"))
                .hasMessageContaining("site 'x'")
                .hasMessageContaining("latitude -90..90");
    }

    @Test
    void theWorseStateOfASitesGatewaysIsTheOneNeedingAVisitSooner() {
        assertThat(Fleet.worse(GatewayState.ONLINE, GatewayState.OFFLINE)).isEqualTo(GatewayState.OFFLINE);
        assertThat(Fleet.worse(GatewayState.LATE, GatewayState.NEVER_SEEN)).isEqualTo(GatewayState.LATE);
        assertThat(Fleet.worse(GatewayState.DISABLED, GatewayState.ONLINE)).isEqualTo(GatewayState.ONLINE);
    }
}
