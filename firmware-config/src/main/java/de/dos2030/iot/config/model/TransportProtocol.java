package de.dos2030.iot.config.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The uplink protocols, recognised by the URL scheme: MQTT ({@code tcp://}, {@code ssl://},
 * {@code mqtt://}, {@code mqtts://}), CoAP ({@code coap://}, {@code coaps://}), HTTP
 * ({@code http://}, {@code https://}). The second scheme of each is the TLS/DTLS variant.
 */
public enum TransportProtocol {
    MQTT("mqtt", List.of("tcp", "mqtt"), List.of("ssl", "mqtts")),
    COAP("coap", List.of("coap"), List.of("coaps")),
    HTTP("http", List.of("http"), List.of("https"));

    private final String wireName;
    private final List<String> plainSchemes;
    private final List<String> secureSchemes;

    TransportProtocol(String wireName, List<String> plainSchemes, List<String> secureSchemes) {
        this.wireName = wireName;
        this.plainSchemes = plainSchemes;
        this.secureSchemes = secureSchemes;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isSecure(String scheme) {
        return secureSchemes.contains(scheme);
    }

    public List<String> schemes() {
        return java.util.stream.Stream.concat(plainSchemes.stream(), secureSchemes.stream())
                .toList();
    }

    public static Optional<TransportProtocol> ofScheme(String scheme) {
        return Arrays.stream(values()).filter(p -> p.schemes().contains(scheme)).findFirst();
    }
}
