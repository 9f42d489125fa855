package de.dos2030.iot.config.model;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the gateway sends batches: a URL whose scheme names the protocol and TLS, the client id
 * the gateway presents (the gateway id unless set), an optional credentials file (user name and
 * password or token, kept out of the config file; absolute once loaded), and how long to wait for
 * the collector's end-to-end "stored" answer before re-sending.
 */
public record Endpoint(URI url, String clientId, Optional<Path> credentialsFile, Duration ackTimeout) {

    public Endpoint {
        Violation.throwIfAny("endpoint", violations(url, clientId, credentialsFile, ackTimeout));
    }

    public TransportProtocol protocol() {
        return TransportProtocol.ofScheme(url.getScheme()).orElseThrow();
    }

    /** True for ssl://, mqtts://, coaps:// and https:// URLs. */
    public boolean tls() {
        return protocol().isSecure(url.getScheme());
    }

    public static String allSchemes() {
        return Stream.of(TransportProtocol.values())
                .flatMap(p -> p.schemes().stream())
                .collect(Collectors.joining(", "));
    }

    public static List<Violation> violations(
            URI url, String clientId, Optional<Path> credentialsFile, Duration ackTimeout) {
        List<Violation> out = new ArrayList<>();
        if (url == null || clientId == null || credentialsFile == null || ackTimeout == null) {
            out.add(Violation.of("", "url, client-id, credentials-file and ack-timeout must not be null"));
            return out;
        }
        if (url.getScheme() == null
                || TransportProtocol.ofScheme(url.getScheme()).isEmpty()) {
            out.add(Violation.of("url", "'" + url + "' has no uplink scheme", allSchemes()));
        } else if (url.getHost() == null || url.getPort() == 0) {
            out.add(Violation.of("url", "'" + url + "' names no host", "scheme://host:port"));
        }
        if (clientId.isBlank() || clientId.length() > 64) {
            out.add(Violation.of("client-id", "must be 1-64 characters"));
        }
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            out.add(Violation.of("ack-timeout", "must be a positive duration"));
        }
        return out;
    }
}
