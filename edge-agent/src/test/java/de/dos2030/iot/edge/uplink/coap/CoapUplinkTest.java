package de.dos2030.iot.edge.uplink.coap;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.edge.uplink.Credentials;
import de.dos2030.iot.edge.uplink.LinkListener;
import de.dos2030.iot.edge.uplink.MessageKind;
import de.dos2030.iot.edge.uplink.SendOutcome;
import de.dos2030.iot.edge.uplink.Uplink;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CoAP uplink against a real Californium server on loopback, plain and over DTLS with a PSK. */
class CoapUplinkTest {
    static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final List<Batch> received = new CopyOnWriteArrayList<>();
    CoapServer server;
    Uplink uplink;

    @AfterEach
    void stop() {
        if (uplink != null) {
            uplink.close();
        }
        if (server != null) {
            server.destroy();
        }
        timers.shutdownNow();
    }

    int serve(boolean dtls, Consumer<CoapExchange> answer) throws Exception {
        int port = freeUdpPort();
        Configuration config = Configuration.createStandardWithoutFile();
        server = new CoapServer(config);
        if (dtls) {
            AdvancedMultiPskStore psk = new AdvancedMultiPskStore();
            psk.setKey("gw-9", KEY);
            DtlsConnectorConfig dtlsConfig = DtlsConnectorConfig.builder(config)
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                    .setAddress(new InetSocketAddress("127.0.0.1", port))
                    .setAdvancedPskStore(psk)
                    .build();
            server.addEndpoint(new CoapEndpoint.Builder()
                    .setConfiguration(config)
                    .setConnector(new DTLSConnector(dtlsConfig))
                    .build());
        } else {
            server.addEndpoint(new CoapEndpoint.Builder()
                    .setConfiguration(config)
                    .setInetSocketAddress(new InetSocketAddress("127.0.0.1", port))
                    .build());
        }
        server.add(new CoapResource("batches") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                assertThat(exchange.getRequestOptions().getContentFormat())
                        .isEqualTo(MediaTypeRegistry.APPLICATION_CBOR);
                try {
                    received.add(BatchCodec.cbor().decode(exchange.getRequestPayload()));
                } catch (Exception e) {
                    exchange.respond(CoAP.ResponseCode.BAD_REQUEST, e.getMessage());
                    return;
                }
                answer.accept(exchange);
            }
        });
        server.start();
        return port;
    }

    static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    SendOutcome send(String url, Credentials credentials, Duration timeout) throws Exception {
        uplink = new CoapUplink(URI.create(url), credentials, timeout, timers);
        uplink.start(new LinkListener() {
            @Override
            public void connected(Uplink u) {}

            @Override
            public void disconnected(Uplink u, String cause) {}
        });
        Batch batch = new Batch(
                Batch.FORMAT_VERSION,
                "gw-9",
                "bridge-2",
                "boot-1",
                4,
                Instant.now(),
                ClockSync.SYNCED,
                List.of(Reading.sample("span-1.strain", Quantity.STRAIN, Instant.now(), 12.5)),
                List.of(),
                null);
        return uplink.send(
                        MessageKind.BATCH, batch.identity(), BatchCodec.cbor().encode(batch))
                .get(20, TimeUnit.SECONDS);
    }

    @Test
    void treats204ChangedAsStored() throws Exception {
        int port = serve(
                false,
                ex -> ex.respond(
                        CoAP.ResponseCode.CHANGED,
                        "{\"status\":\"stored\",\"stored\":1,\"rejected\":[]}",
                        MediaTypeRegistry.APPLICATION_JSON));
        assertThat(send("coap://127.0.0.1:" + port, Credentials.none(), Duration.ofSeconds(5)))
                .isInstanceOf(SendOutcome.Stored.class);
        assertThat(received).singleElement().extracting(Batch::identity).isEqualTo("gw-9/boot-1/4");
    }

    @Test
    void treats400AsRejectedWithTheCollectorsReasons() throws Exception {
        int port = serve(
                false,
                ex -> ex.respond(
                        CoAP.ResponseCode.BAD_REQUEST,
                        "{\"status\":\"rejected\",\"rejected\":[{\"path\":\"readings[0].value\",\"reason\":\"out of range\"}]}",
                        MediaTypeRegistry.APPLICATION_JSON));
        SendOutcome outcome = send("coap://127.0.0.1:" + port, Credentials.none(), Duration.ofSeconds(5));
        assertThat(outcome).isInstanceOf(SendOutcome.Rejected.class);
        assertThat(((SendOutcome.Rejected) outcome).reason()).contains("4.00", "readings[0].value: out of range");
    }

    @Test
    void treats503AsRetryLaterAfterMaxAge() throws Exception {
        int port = serve(false, ex -> {
            ex.setMaxAge(42);
            ex.respond(CoAP.ResponseCode.SERVICE_UNAVAILABLE, "InfluxDB unavailable");
        });
        SendOutcome outcome = send("coap://127.0.0.1:" + port, Credentials.none(), Duration.ofSeconds(5));
        assertThat(outcome)
                .isEqualTo(new SendOutcome.RetryLater(
                        "CoAP 5.03 InfluxDB unavailable", Optional.of(Duration.ofSeconds(42))));
    }

    @Test
    void treats429AsRetryLaterAfterMaxAgeNotAsRejected() throws Exception {
        int port = serve(false, ex -> {
            ex.setMaxAge(3);
            ex.respond(CoAP.ResponseCode.TOO_MANY_REQUESTS, "over its rate");
        });
        SendOutcome outcome = send("coap://127.0.0.1:" + port, Credentials.none(), Duration.ofSeconds(5));
        assertThat(outcome)
                .isEqualTo(new SendOutcome.RetryLater("CoAP 4.29 over its rate", Optional.of(Duration.ofSeconds(3))));
    }

    @Test
    void sendsOverDtlsWithThePreSharedKey() throws Exception {
        int port = serve(true, ex -> ex.respond(CoAP.ResponseCode.CHANGED));
        Credentials psk = new Credentials(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("gw-9"), Optional.of(KEY));
        assertThat(send("coaps://127.0.0.1:" + port, psk, Duration.ofSeconds(10)))
                .isInstanceOf(SendOutcome.Stored.class);
        assertThat(received).hasSize(1);
    }

    @Test
    void derivesTheDtlsIdentityAndKeyFromTheGatewayToken() throws Exception {
        // As the collector registers a gateway: identity = gateway id, key = HMAC-SHA256(token, "dos-coaps-psk")
        // (the collector's GatewayTokenTest pins the same value).
        int port = serveWithKey("gw-9", java.util.HexFormat.of().parseHex(GW9_TOKEN_PSK));
        Credentials token = new Credentials(
                Optional.empty(), Optional.empty(), Optional.of("gw-9-token"), Optional.empty(), Optional.empty());
        uplink = new CoapUplink(URI.create("coaps://127.0.0.1:" + port), token, "gw-9", Duration.ofSeconds(10), timers);
        uplink.start(new LinkListener() {
            @Override
            public void connected(Uplink u) {}

            @Override
            public void disconnected(Uplink u, String cause) {}
        });
        Batch batch = new Batch(
                Batch.FORMAT_VERSION,
                "gw-9",
                "bridge-2",
                "boot-1",
                5,
                Instant.now(),
                ClockSync.SYNCED,
                List.of(Reading.sample("span-1.strain", Quantity.STRAIN, Instant.now(), 1.5)),
                List.of(),
                null);
        assertThat(uplink.send(
                                MessageKind.BATCH,
                                batch.identity(),
                                BatchCodec.cbor().encode(batch))
                        .get(20, TimeUnit.SECONDS))
                .isInstanceOf(SendOutcome.Stored.class);
    }

    /** HMAC-SHA256 keyed with "gw-9-token" over "dos-coaps-psk". */
    static final String GW9_TOKEN_PSK = "2468f4b814937f97364116fc7bee89b31ce3624c9a7f0139c9b988691222d0a1";

    int serveWithKey(String identity, byte[] key) throws Exception {
        int port = freeUdpPort();
        Configuration config = Configuration.createStandardWithoutFile();
        server = new CoapServer(config);
        AdvancedMultiPskStore psk = new AdvancedMultiPskStore();
        psk.setKey(identity, key);
        server.addEndpoint(new CoapEndpoint.Builder()
                .setConfiguration(config)
                .setConnector(new DTLSConnector(DtlsConnectorConfig.builder(config)
                        .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                        .setAddress(new InetSocketAddress("127.0.0.1", port))
                        .setAdvancedPskStore(psk)
                        .build()))
                .build());
        server.add(new CoapResource("batches") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                exchange.respond(CoAP.ResponseCode.CHANGED);
            }
        });
        server.start();
        return port;
    }

    @Test
    void aWrongKeyNeverReachesTheResourceAndIsRetriedLater() throws Exception {
        int port = serve(true, ex -> ex.respond(CoAP.ResponseCode.CHANGED));
        Credentials wrong = new Credentials(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("gw-9"),
                Optional.of(HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100")));
        assertThat(send("coaps://127.0.0.1:" + port, wrong, Duration.ofSeconds(3)))
                .isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(received).isEmpty();
    }

    @Test
    void refusesACoapsUrlWithoutAKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CoapUplink(
                        URI.create("coaps://127.0.0.1:1"), Credentials.none(), Duration.ofSeconds(1), timers))
                .hasMessageContaining("psk-identity");
    }

    @Test
    void retriesLaterWhenNobodyAnswers() throws Exception {
        int port = freeUdpPort();
        SendOutcome outcome = send("coap://127.0.0.1:" + port, Credentials.none(), Duration.ofMillis(800));
        assertThat(outcome).isInstanceOf(SendOutcome.RetryLater.class);
    }
}
