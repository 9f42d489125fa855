package de.dos2030.iot.collector.ingest.coap;

import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.ingest.IngestService;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoAP door: a Californium server with {@code POST /batches} on CoAPS (DTLS PSK, identity = gateway
 * id) and, where configured, on plain CoAP. Configuration is built in code: Californium writes no
 * properties file.
 */
@Context
@Requires(property = "collector.coap.enabled", notEquals = "false")
public class CoapIngestDoor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoapIngestDoor.class);

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final CoapServer server;
    private final GatewayRegistry registry;
    private final AdvancedMultiPskStore psks = new AdvancedMultiPskStore();
    private final Set<String> pskIdentities = new HashSet<>();
    private final CoapEndpoint secure;
    private final CoapEndpoint plain;

    public CoapIngestDoor(CoapIngestConfig config, IngestService ingest, GatewayRegistry registry, JsonMapper json) {
        Configuration coap = Configuration.createStandardWithoutFile();
        coap.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, config.maxPayloadBytes());
        coap.set(CoapConfig.MAX_MESSAGE_SIZE, 1024);
        coap.set(CoapConfig.PREFERRED_BLOCK_SIZE, 1024);
        coap.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        coap.set(
                DtlsConfig.DTLS_CIPHER_SUITES,
                List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256));
        this.server = new CoapServer(coap);
        this.registry = registry;
        loadKeys(registry.list());

        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(coap)
                .setAddress(new InetSocketAddress(config.bindAddress(), config.securePort()))
                .setAdvancedPskStore(psks)
                .build();
        this.secure = new CoapEndpoint.Builder()
                .setConfiguration(coap)
                .setConnector(new DTLSConnector(dtls))
                .build();
        server.addEndpoint(secure);
        if (config.plainEnabled()) {
            this.plain = new CoapEndpoint.Builder()
                    .setConfiguration(coap)
                    .setInetSocketAddress(new InetSocketAddress(config.bindAddress(), config.plainPort()))
                    .build();
            server.addEndpoint(plain);
        } else {
            this.plain = null;
        }
        server.add(new BatchesResource(ingest, registry, json, config.maxPayloadBytes()));
        server.start();
        LOG.info(
                "CoAP door on coaps://{}:{}{}",
                config.bindAddress(),
                secure.getAddress().getPort(),
                plain == null
                        ? ""
                        : " and coap://" + config.bindAddress() + ":"
                                + plain.getAddress().getPort() + " (plain CoAP: development only)");
    }

    /** The DTLS keys follow the registry: new, rotated, disabled and deleted gateways. */
    @EventListener
    void onChange(GatewayRegistry.GatewaysChanged change) {
        loadKeys(change.gateways());
    }

    private synchronized void loadKeys(List<Gateway> gateways) {
        Set<String> current = new HashSet<>();
        List<String> unsealed = new ArrayList<>();
        for (Gateway g : gateways) {
            Optional<byte[]> key = registry.pskOf(g);
            if (key.isPresent()) {
                psks.setKey(g.id(), key.get());
                current.add(g.id());
            } else if (g.enabled()) {
                unsealed.add(g.id());
            }
        }
        if (!unsealed.isEmpty()) {
            LOG.warn(
                    "CoAPS refuses gateways {}: registered before pre-shared keys were sealed (their old key was"
                            + " readable in the database); rotate their tokens (POST /admin/gateways/<id>/token)",
                    unsealed);
        }
        for (String gone : pskIdentities) {
            if (!current.contains(gone)) {
                psks.removeKey(gone);
            }
        }
        pskIdentities.clear();
        pskIdentities.addAll(current);
    }

    /** Bound port of plain CoAP, or -1. */
    public int plainPort() {
        return plain == null ? -1 : plain.getAddress().getPort();
    }

    public int securePort() {
        return secure.getAddress().getPort();
    }

    public boolean isRunning() {
        return secure.isStarted();
    }

    @PreDestroy
    @Override
    public void close() {
        server.destroy();
    }
}
