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
 * password or token, kept out of the config file; absolute once loaded), how long to wait for
 * the collector's end-to-end "stored" answer before re-sending, and for an MQTT-over-TLS broker
 * whose certificate a private CA signed, that CA's PEM file (only it is trusted then).
 */
public record Endpoint(
        URI url, String clientId, Optional<Path> credentialsFile, Duration ackTimeout, Optional<Path> caFile) {

    public Endpoint {
        Violation.throwIfAny("endpoint", violations(url, clientId, credentialsFile, ackTimeout, caFile));
    }

    /** An endpoint that trusts the JVM's certificate authorities. */
    public Endpoint(URI url, String clientId, Optional<Path> credentialsFile, Duration ackTimeout) {
        this(url, clientId, credentialsFile, ackTimeout, Optional.empty());
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
            URI url, String clientId, Optional<Path> credentialsFile, Duration ackTimeout, Optional<Path> caFile) {
        List<Violation> out = new ArrayList<>();
        if (url == null || clientId == null || credentialsFile == null || ackTimeout == null || caFile == null) {
            out.add(Violation.of("", "url, client-id, credentials-file, ack-timeout and ca-file must not be null"));
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
        TransportProtocol.ofScheme(url.getScheme() == null ? "" : url.getScheme())
                .filter(p -> caFile.isPresent() && !(p == TransportProtocol.MQTT && p.isSecure(url.getScheme())))
                .ifPresent(p -> out.add(Violation.of(
                        "ca-file",
                        "applies to an MQTT broker over TLS only, not to '" + url + "'",
                        "ssl://, mqtts://")));
        return out;
    }
}
