package de.dos2030.iot.config.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How batches leave the gateway: the primary endpoint (always MQTT), an optional alternative
 * (CoAP or HTTP) used while the primary is unreachable, batching, and how alerts travel.
 */
public record UplinkConfig(Endpoint primary, Optional<Endpoint> alternative, Batching batching, AlertDelivery alerts) {

    public UplinkConfig {
        Violation.throwIfAny("uplink", violations(primary, alternative, batching, alerts));
    }

    public static List<Violation> violations(
            Endpoint primary, Optional<Endpoint> alternative, Batching batching, AlertDelivery alerts) {
        List<Violation> out = new ArrayList<>();
        if (primary == null || alternative == null || batching == null || alerts == null) {
            out.add(Violation.of("", "primary, batching and alerts are required"));
            return out;
        }
        if (primary.protocol() != TransportProtocol.MQTT) {
            out.add(Violation.of(
                    "primary.url",
                    "the primary uplink is MQTT, not " + primary.protocol().wireName(),
                    String.join(", ", TransportProtocol.MQTT.schemes())));
        }
        alternative
                .filter(a -> a.protocol() == TransportProtocol.MQTT)
                .ifPresent(a -> out.add(Violation.of(
                        "alternative.url",
                        "the alternative uplink is CoAP or HTTP, not a second MQTT broker",
                        "coap, coaps, http, https")));
        return out;
    }
}
