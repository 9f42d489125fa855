package de.dos2030.iot.edge.uplink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.dos2030.iot.edge.uplink.Credentials;
import de.dos2030.iot.edge.uplink.LinkListener;
import de.dos2030.iot.edge.uplink.Uplink;
import de.dos2030.iot.mqtt.tls.TestCertificates;
import de.dos2030.iot.mqtt.tls.TlsMosquitto;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway reaches a broker over TLS whose certificate a private CA signed, trusting that CA from its
 * endpoint's {@code ca-file}; trusting another CA, it does not connect (issue 15, finding 9).
 */
class MqttTlsIT {
    static TestCertificates certs;
    static TestCertificates otherCa;
    static int port;
    static Process broker;
    final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);

    @BeforeAll
    static void startBroker() throws Exception {
        assumeTrue(MosquittoProcess.available(), "Debian's mosquitto is not installed");
        certs = TestCertificates.create();
        otherCa = TestCertificates.create();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        broker = TlsMosquitto.start(certs, port);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectsTrustingTheCaOfItsEndpoint() throws Exception {
        assertThat(connects(certs)).isTrue();
    }

    @Test
    void refusesABrokerSignedByAnotherCa() throws Exception {
        assertThat(connects(otherCa)).isFalse();
    }

    private boolean connects(TestCertificates trusted) throws Exception {
        MqttUplink uplink = new MqttUplink(
                new MqttUplink.Settings(
                                URI.create("ssl://localhost:" + port),
                                "gw-tls",
                                "site-tls",
                                "gw-tls",
                                Credentials.none(),
                                Duration.ofSeconds(5),
                                Duration.ofMillis(200),
                                Duration.ofSeconds(1))
                        .trusting(Optional.of(trusted.caPem)),
                timers);
        CountDownLatch up = new CountDownLatch(1);
        try {
            uplink.start(new LinkListener() {
                @Override
                public void connected(Uplink u) {
                    up.countDown();
                }

                @Override
                public void disconnected(Uplink u, String cause) {}
            });
            return up.await(8, TimeUnit.SECONDS);
        } finally {
            uplink.close();
            timers.shutdownNow();
        }
    }
}
