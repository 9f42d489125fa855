package de.dos2030.iot.collector.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhooks reach the public internet only, unless an admin allow-lists a host. */
class WebhookTargetsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.8.9.10",
                "10.0.0.5",
                "172.16.3.4",
                "192.168.178.1",
                "169.254.169.254",
                "100.64.1.1",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255",
                "::1",
                "fe80::1",
                "fd12:3456::1",
                "::",
                "::ffff:127.0.0.1",
                "ff02::1"
            })
    void refusesOurOwnNetworkWhateverTheNameResolvesTo(String address) throws Exception {
        InetAddress a = InetAddress.getByName(address);
        WebhookTargets targets = new WebhookTargets(List.of(), host -> new InetAddress[] {a});
        assertThatThrownBy(() -> targets.resolve(URI.create("https://hooks.example/dos")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'hooks.example' is not a public address")
                .hasMessageNotContaining(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "2606:4700::6810:84e5", "100.128.0.1", "172.32.0.1"})
    void letsPublicAddressesThrough(String address) throws Exception {
        InetAddress a = InetAddress.getByName(address);
        WebhookTargets targets = new WebhookTargets(List.of(), host -> new InetAddress[] {a});
        assertThat(targets.resolve(URI.create("https://hooks.example/dos"))).isEqualTo(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "10.1.1.1"})
    void refusesANameIfAnyOfItsAddressesIsPrivate(String first) throws Exception {
        InetAddress[] both = {
            InetAddress.getByName(first), InetAddress.getByName(first.equals("8.8.8.8") ? "10.1.1.1" : "8.8.8.8")
        };
        WebhookTargets targets = new WebhookTargets(List.of(), host -> both);
        assertThatThrownBy(() -> targets.resolve(URI.create("http://mixed.example/")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:9000"})
    void anAllowListedTargetMayBePrivate(String allowed) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        WebhookTargets targets = new WebhookTargets(List.of(" ", allowed), host -> new InetAddress[] {loopback});
        assertThat(targets.resolve(URI.create("http://127.0.0.1:9000/hook"))).isEqualTo(loopback);
        if (allowed.endsWith(":9000")) {
            assertThatThrownBy(() -> targets.resolve(URI.create("http://127.0.0.1:18086/query")))
                    .as("another port of an allow-listed host:port")
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
