package de.dos2030.iot.collector.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final Set<String> PROXIES = Set.of("10.0.0.1", "10.0.0.2");

    @Test
    void forwardedForIsIgnoredFromAPeerThatIsNotATrustedProxy() {
        assertThat(ClientAddress.of("203.0.113.5", "198.51.100.1", PROXIES)).isEqualTo("203.0.113.5");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightMostAddressThatIsNotAProxy() {
        assertThat(ClientAddress.of("10.0.0.1", "198.51.100.1", PROXIES)).isEqualTo("198.51.100.1");
        // the client made up the first entry; the proxies appended the real one and themselves
        assertThat(ClientAddress.of("10.0.0.1", "1.2.3.4, 198.51.100.1, 10.0.0.2", PROXIES))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void aProxyWithoutOrWithAGarbledHeaderCountsAsItself() {
        assertThat(ClientAddress.of("10.0.0.1", null, PROXIES)).isEqualTo("10.0.0.1");
        assertThat(ClientAddress.of("10.0.0.1", "198.51.100.1, ", PROXIES)).isEqualTo("10.0.0.1");
        assertThat(ClientAddress.of("10.0.0.1", "x".repeat(100), PROXIES)).isEqualTo("10.0.0.1");
    }
}
