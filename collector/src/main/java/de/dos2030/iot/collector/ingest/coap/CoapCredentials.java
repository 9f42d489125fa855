package de.dos2030.iot.collector.ingest.coap;

import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * Who sent a CoAP request: the gateway of the DTLS PSK identity; on plain CoAP (development) the
 * gateway of the Uri-Query {@code token=}. Asked for every batch and, before anything is buffered,
 * for the first block of a block-wise upload. Thread-safe.
 */
final class CoapCredentials {
    private final GatewayRegistry registry;

    CoapCredentials(GatewayRegistry registry) {
        this.registry = registry;
    }

    Optional<Gateway> sender(Request request) {
        Principal peer = request.getSourceContext().getPeerIdentity();
        if (peer instanceof PreSharedKeyIdentity psk) {
            return registry.find(psk.getIdentity()).filter(Gateway::enabled);
        }
        if (peer != null) {
            return Optional.empty();
        }
        for (String query : request.getOptions().getUriQuery()) {
            if (query.startsWith("token=")) {
                return registry.authenticate(query.substring(6));
            }
        }
        return Optional.empty();
    }
}
