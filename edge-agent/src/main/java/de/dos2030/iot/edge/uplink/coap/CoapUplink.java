package de.dos2030.iot.edge.uplink.coap;

import de.dos2030.iot.edge.uplink.AckMessage;
import de.dos2030.iot.edge.uplink.Credentials;
import de.dos2030.iot.edge.uplink.LinkListener;
import de.dos2030.iot.edge.uplink.MessageKind;
import de.dos2030.iot.edge.uplink.SendOutcome;
import de.dos2030.iot.edge.uplink.Uplink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoAP uplink (Californium): a confirmable POST of the CBOR batch (content-format 60) to
 * {@code /batches}. 2.xx = stored, 5.03 and 4.29 = try again after Max-Age, other 4.xx = rejected for good, other
 * 5.xx or no response within the ack timeout = try later. {@code coaps://} runs over DTLS 1.2 with
 * the pre-shared key from the credentials file ({@code psk-identity}, {@code psk-key-hex}).
 * Connectionless, so it always reports itself connected; failures show in the outcomes.
 */
public final class CoapUplink implements Uplink {
    private static final Logger log = LoggerFactory.getLogger(CoapUplink.class);
    public static final String PATH = "/batches";

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final URI target;
    private final Duration ackTimeout;
    private final ScheduledExecutorService scheduler;
    private final CoapEndpoint endpoint;
    private final CoapClient client;

    /**
     * @throws IllegalArgumentException when a {@code coaps://} URL comes without a pre-shared key
     */
    public CoapUplink(URI url, Credentials credentials, Duration ackTimeout, ScheduledExecutorService scheduler) {
        this(url, credentials, null, ackTimeout, scheduler);
    }

    /**
     * @param gatewayId the DTLS identity when the credentials name none
     */
    public CoapUplink(
            URI url,
            Credentials credentials,
            String gatewayId,
            Duration ackTimeout,
            ScheduledExecutorService scheduler) {
        boolean secure = url.getScheme().equals("coaps");
        int port = url.getPort() > 0 ? url.getPort() : secure ? 5684 : 5683;
        this.target = URI.create(url.getScheme() + "://" + url.getHost() + ":" + port + PATH);
        this.ackTimeout = ackTimeout;
        this.scheduler = scheduler;
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(CoapConfig.ACK_TIMEOUT, 2, TimeUnit.SECONDS);
        CoapEndpoint.Builder builder = new CoapEndpoint.Builder().setConfiguration(config);
        if (secure) {
            String identity = credentials
                    .pskIdentity()
                    .or(() -> java.util.Optional.ofNullable(gatewayId))
                    .orElseThrow(() -> new IllegalArgumentException(
                            url + " uses DTLS: the credentials file needs psk-identity and psk-key-hex (or token)"));
            byte[] key = credentials
                    .psk()
                    .orElseThrow(() -> new IllegalArgumentException(
                            url + " uses DTLS: the credentials file needs psk-identity and psk-key-hex (or token)"));
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                    // ECDHE-PSK (forward secrecy) first; plain PSK for collectors that predate it.
                    .set(
                            DtlsConfig.DTLS_CIPHER_SUITES,
                            List.of(
                                    CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256,
                                    CipherSuite.TLS_PSK_WITH_AES_128_CCM_8))
                    .setAddress(new InetSocketAddress(0))
                    .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
                    .build();
            builder.setConnector(new DTLSConnector(dtls));
        } else {
            builder.setInetSocketAddress(new InetSocketAddress(0));
        }
        this.endpoint = builder.build();
        this.client = new CoapClient(target);
        client.setEndpoint(endpoint);
    }

    @Override
    public String name() {
        return "coap " + target;
    }

    @Override
    public void start(LinkListener listener) {
        try {
            endpoint.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a UDP socket for " + target + ": " + e.getMessage(), e);
        }
        log.info("event=coap-ready target={}", target);
        listener.connected(this);
    }

    @Override
    public boolean connected() {
        return endpoint.isStarted();
    }

    @Override
    public CompletableFuture<SendOutcome> send(MessageKind kind, String identity, byte[] payload) {
        CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
        Request request = Request.newPost();
        request.setURI(target);
        request.setPayload(payload);
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_CBOR);
        request.getOptions().setAccept(MediaTypeRegistry.APPLICATION_JSON);
        client.advanced(
                new CoapHandler() {
                    @Override
                    public void onLoad(CoapResponse response) {
                        answer.complete(outcome(identity, response));
                    }

                    @Override
                    public void onError() {
                        answer.complete(SendOutcome.RetryLater.because("no CoAP response from " + target
                                + (request.getSendError() != null
                                        ? ": " + request.getSendError().getMessage()
                                        : "")));
                    }
                },
                request);
        scheduler.schedule(
                () -> {
                    if (answer.complete(SendOutcome.RetryLater.because(
                            "no CoAP response within " + ackTimeout.toMillis() + " ms"))) {
                        request.cancel();
                    }
                },
                ackTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
        return answer;
    }

    static SendOutcome outcome(String identity, CoapResponse response) {
        CoAP.ResponseCode code = response.getCode();
        String text = response.getResponseText() == null ? "" : response.getResponseText();
        if (code.isSuccess()) {
            return new SendOutcome.Stored("CoAP " + code.text + " " + code, summary(identity, response.getPayload()));
        }
        // 4.29: this gateway is over its rate at the collector; like 5.03 it is a wait, not a refusal
        if (code == CoAP.ResponseCode.SERVICE_UNAVAILABLE || code == CoAP.ResponseCode.TOO_MANY_REQUESTS) {
            Long maxAge = response.getOptions().getMaxAge();
            return new SendOutcome.RetryLater(
                    "CoAP " + code + " " + text, Optional.of(Duration.ofSeconds(maxAge == null ? 60 : maxAge)));
        }
        if (code.isClientError()) {
            return new SendOutcome.Rejected("CoAP " + code.text + " " + code + reasons(response.getPayload(), text));
        }
        return SendOutcome.RetryLater.because("CoAP " + code.text + " " + code + " " + text);
    }

    /** Logs the readings the collector refused; returns its clock times for the offset measurement. */
    private static Optional<SendOutcome.CollectorTimes> summary(String identity, byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            AckMessage ack = AckMessage.parse(body);
            if (!ack.rejected().isEmpty()) {
                log.warn("event=readings-rejected identity={} rejected=\"{}\"", identity, ack.rejected());
            }
            return ack.collectorTimes();
        } catch (IllegalArgumentException notJson) {
            log.debug("CoAP answer for {} is not a JSON summary: {}", identity, notJson.getMessage());
            return Optional.empty();
        }
    }

    private static String reasons(byte[] body, String text) {
        try {
            AckMessage ack = AckMessage.parse(body);
            return ack.rejected().isEmpty() ? "" : ": " + String.join("; ", ack.rejected());
        } catch (IllegalArgumentException notJson) {
            return text.isBlank() ? "" : ": " + text.strip();
        }
    }

    @Override
    public void close() {
        client.shutdown();
        endpoint.destroy();
    }
}
