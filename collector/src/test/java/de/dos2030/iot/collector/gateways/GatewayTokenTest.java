package de.dos2030.iot.collector.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.security.BearerToken;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class GatewayTokenTest {

    @Test
    void derivesThePskTheEdgeAgentDerives() {
        // The edge agent's CoapUplinkTest pins the same key for the same token.
        assertThat(HexFormat.of().formatHex(GatewayToken.pskOf("gw-9-token")))
                .isEqualTo("2468f4b814937f97364116fc7bee89b31ce3624c9a7f0139c9b988691222d0a1");
    }

    @Test
    void pskIsNotTheTokenHashTheRegistryStores() {
        String token = BearerToken.random();
        assertThat(HexFormat.of().formatHex(GatewayToken.pskOf(token))).isNotEqualTo(BearerToken.hash(token));
    }
}
