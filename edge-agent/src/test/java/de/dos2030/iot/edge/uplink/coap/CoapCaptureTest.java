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
import de.dos2030.iot.model.RawCapture;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A raw capture is far bigger than one CoAP message: the uplink sends it block-wise (RFC 7959), to a
 * server configured as the collector's door is (1 KiB messages, 1 MiB bodies).
 */
class CoapCaptureTest {
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

    @Test
    void sendsA64KilobyteCaptureBlockWise() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 1024 * 1024);
        config.set(CoapConfig.MAX_MESSAGE_SIZE, 1024);
        config.set(CoapConfig.PREFERRED_BLOCK_SIZE, 1024);
        server = new CoapServer(config);
        server.addEndpoint(new CoapEndpoint.Builder()
                .setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", port))
                .build());
        server.add(new CoapResource("batches") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                try {
                    received.add(BatchCodec.cbor().decode(exchange.getRequestPayload()));
                } catch (Exception e) {
                    exchange.respond(CoAP.ResponseCode.BAD_REQUEST, e.getMessage());
                    return;
                }
                exchange.respond(
                        CoAP.ResponseCode.CHANGED,
                        "{\"status\":\"stored\",\"stored\":0,\"rejected\":[]}",
                        MediaTypeRegistry.APPLICATION_JSON);
            }
        });
        server.start();
        uplink = new CoapUplink(
                URI.create("coap://127.0.0.1:" + port), Credentials.none(), Duration.ofSeconds(20), timers);
        uplink.start(new LinkListener() {
            @Override
            public void connected(Uplink u) {}

            @Override
            public void disconnected(Uplink u, String cause) {}
        });
        float[] values = new float[16_001]; // 30 s + 10 s at 400 Hz
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i * 0.01);
        }
        Instant trigger = Instant.now().minusSeconds(10);
        RawCapture capture = new RawCapture(
                "deck.rms.above-1", "deck", Quantity.ACCELERATION, trigger.minusSeconds(30), 400, trigger, values);
        Batch batch = new Batch(
                1,
                "gw-9",
                "bridge-2",
                "boot-1",
                4,
                Instant.now(),
                ClockSync.SYNCED,
                List.of(),
                List.of(),
                null,
                List.of(capture));
        byte[] payload = BatchCodec.cbor().encode(batch);
        assertThat(payload.length).isGreaterThan(64_000);

        SendOutcome outcome =
                uplink.send(MessageKind.BATCH, batch.identity(), payload).get(30, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOf(SendOutcome.Stored.class);
        assertThat(received)
                .singleElement()
                .satisfies(b -> assertThat(b.captures()).containsExactly(capture));
    }
}
