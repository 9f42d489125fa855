package de.dos2030.iot.config.model;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The optional {@code fleet:} section: how this gateway takes remote configurations and agent
 * updates. Absent means neither. MQTT gateways receive the desired state as a retained message;
 * {@code collectorUrl} is where HTTP/CoAP gateways pull it and where every gateway downloads releases.
 *
 * @param collectorUrl the collector's base URL ({@code http} or {@code https}); empty: no HTTP pull, no downloads
 * @param pullInterval how often the desired state is pulled over HTTP
 * @param applyWatch   how long a new configuration must prove itself (every sensor answers, one "stored" ack)
 *                     before it is committed
 * @param releaseKey   the operator's Ed25519 public key (X.509 PEM) that signs agent releases; empty: no updates
 * @param updateWatch  how long a new agent may take to report healthy
 */
public record FleetConfig(
        Optional<URI> collectorUrl,
        Duration pullInterval,
        Duration applyWatch,
        Optional<Path> releaseKey,
        Duration updateWatch) {

    /** Shorter pulls would make a fleet of gateways a load on the collector for nothing. */
    public static final Duration MIN_PULL_INTERVAL = Duration.ofSeconds(10);

    public FleetConfig {
        Violation.throwIfAny("fleet", violations(collectorUrl, pullInterval, applyWatch, releaseKey, updateWatch));
    }

    public static List<Violation> violations(
            Optional<URI> collectorUrl,
            Duration pullInterval,
            Duration applyWatch,
            Optional<Path> releaseKey,
            Duration updateWatch) {
        List<Violation> out = new ArrayList<>();
        if (collectorUrl == null
                || pullInterval == null
                || applyWatch == null
                || releaseKey == null
                || updateWatch == null) {
            out.add(Violation.of("", "pull-interval, apply-watch and update-watch are required"));
            return out;
        }
        collectorUrl
                .filter(u -> !"http".equals(u.getScheme()) && !"https".equals(u.getScheme()))
                .ifPresent(
                        u -> out.add(Violation.of("collector-url", "'" + u + "' is not an HTTP URL", "http, https")));
        if (pullInterval.compareTo(MIN_PULL_INTERVAL) < 0) {
            out.add(Violation.of(
                    "pull-interval",
                    DurationText.format(pullInterval) + " is too short",
                    "at least " + DurationText.format(MIN_PULL_INTERVAL)));
        }
        if (applyWatch.isNegative() || applyWatch.isZero()) {
            out.add(Violation.of("apply-watch", "must be a positive duration"));
        }
        if (updateWatch.isNegative() || updateWatch.isZero()) {
            out.add(Violation.of("update-watch", "must be a positive duration"));
        }
        return out;
    }
}
