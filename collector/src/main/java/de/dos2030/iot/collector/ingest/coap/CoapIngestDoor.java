package de.dos2030.iot.collector.ingest.coap;

import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.ingest.IngestService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.CoapStackFactory;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.elements.util.NamedThreadFactory;
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

    public CoapIngestDoor(
            CoapIngestConfig config,
            IngestService ingest,
            GatewayRegistry registry,
            JsonMapper json,
            MeterRegistry meters) {
        Configuration coap = limits(config);
        coap.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        // ECDHE-PSK first: a recorded session stays secret even if the gateway's key leaks later (forward
        // secrecy). Plain PSK stays for gateways whose agent predates it; the edge agent offers the same two.
        coap.set(
                DtlsConfig.DTLS_CIPHER_SUITES,
                List.of(
                        CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256,
                        CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
                        CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256));
        this.server = new CoapServer(coap);
        this.registry = registry;
        // Californium's own pool, but one whose queue the connectors can see (BoundedBacklog).
        ScheduledThreadPoolExecutor protocol = new ScheduledThreadPoolExecutor(
                coap.get(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT), new NamedThreadFactory("CoapServer(main)#"));
        server.setExecutors(protocol, ExecutorsUtil.newDefaultSecondaryScheduler("CoapServer(secondary)#"), false);
        IntSupplier backlog = () -> protocol.getQueue().size();
        Counter dropped = Counter.builder("collector.coap.dropped")
                .description("CoAP datagrams dropped unread while collector.coap.max-backlog tasks were waiting")
                .register(meters);
        loadKeys(registry.list());
        CoapCredentials credentials = new CoapCredentials(registry);
        CoapStackFactory stacks = AuthenticatedUploads.stackFactory(credentials);

        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(coap)
                .setAddress(new InetSocketAddress(config.bindAddress(), config.securePort()))
                .setAdvancedPskStore(psks)
                .build();
        this.secure = new CoapEndpoint.Builder()
                .setConfiguration(coap)
                .setCoapStackFactory(stacks)
                .setConnector(new BoundedBacklog(new DTLSConnector(dtls), backlog, config.maxBacklog(), dropped))
                .build();
        server.addEndpoint(secure);
        if (config.plainEnabled()) {
            this.plain = new CoapEndpoint.Builder()
                    .setConfiguration(coap)
                    .setCoapStackFactory(stacks)
                    .setConnector(new BoundedBacklog(
                            new UDPConnector(new InetSocketAddress(config.bindAddress(), config.plainPort()), coap),
                            backlog,
                            config.maxBacklog(),
                            dropped))
                    .build();
            server.addEndpoint(plain);
        } else {
            this.plain = null;
        }
        server.add(new BatchesResource(ingest, credentials, json, config.maxPayloadBytes()));
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

    /**
     * Californium's configuration with the door's limits: what an unauthenticated flood can make it
     * hold is bounded by the backlog of waiting datagrams (in and out) plus peers x remembered
     * requests per peer, each with its payload off-loaded once answered, for at most the exchange lifetime.
     */
    static Configuration limits(CoapIngestConfig config) {
        Configuration coap = Configuration.createStandardWithoutFile();
        coap.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, config.maxPayloadBytes());
        coap.set(CoapConfig.MAX_MESSAGE_SIZE, config.maxMessageBytes());
        coap.set(CoapConfig.PREFERRED_BLOCK_SIZE, config.maxMessageBytes());
        coap.set(
                CoapConfig.BLOCKWISE_STATUS_LIFETIME, config.blockwiseLifetime().toMillis(), TimeUnit.MILLISECONDS);
        coap.set(CoapConfig.BLOCKWISE_STATUS_INTERVAL, 1, TimeUnit.SECONDS);
        coap.set(CoapConfig.EXCHANGE_LIFETIME, config.exchangeLifetime().toMillis(), TimeUnit.MILLISECONDS);
        coap.set(CoapConfig.NON_LIFETIME, config.exchangeLifetime().toMillis(), TimeUnit.MILLISECONDS);
        coap.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        coap.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, config.deduplicationPerPeer());
        coap.set(CoapConfig.MARK_AND_SWEEP_INTERVAL, config.deduplicationSweep().toMillis(), TimeUnit.MILLISECONDS);
        // An answered exchange keeps only what answering a retransmission needs, not the request's body.
        coap.set(CoapConfig.USE_MESSAGE_OFFLOADING, true);
        coap.set(CoapConfig.MAX_ACTIVE_PEERS, config.maxPeers());
        coap.set(DtlsConfig.DTLS_MAX_CONNECTIONS, config.maxPeers());
        coap.set(
                DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD,
                config.dtlsStaleSession().toSeconds(),
                TimeUnit.SECONDS);
        coap.set(DtlsConfig.DTLS_MAX_PENDING_INBOUND_JOBS, config.maxBacklog());
        coap.set(UdpConfig.UDP_CONNECTOR_OUT_CAPACITY, config.maxBacklog());
        return coap;
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
