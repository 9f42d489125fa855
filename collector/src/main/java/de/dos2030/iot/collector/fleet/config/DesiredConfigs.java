package de.dos2030.iot.collector.fleet.config;

import de.dos2030.iot.collector.fleet.ConfigVersion;
import de.dos2030.iot.collector.fleet.DesiredStateChanged;
import de.dos2030.iot.collector.gateways.Gateway;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Sets and removes gateways' desired files: checks each with {@link DesiredConfigCheck}, stores it, and
 * announces {@link DesiredStateChanged} (the desired-state document is published again). Thread-safe, blocking.
 */
@Singleton
public class DesiredConfigs {
    /** The largest desired gateway file (the desired-state document carrying it must stay under 256 KiB). */
    public static final int MAX_BYTES = 256 * 1024;

    private final DesiredConfigStore store;
    private final ApplicationEventPublisher<DesiredStateChanged> events;
    private final Clock clock;

    public DesiredConfigs(
            DesiredConfigStore store, ApplicationEventPublisher<DesiredStateChanged> events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Checks and sets a gateway's desired file.
     *
     * @throws ConfigRefused when the file is too large, invalid or describes another gateway
     */
    public DesiredConfig set(Gateway gateway, String yaml, String setBy, @Nullable String rolloutId) {
        check(gateway, yaml);
        DesiredConfig c = new DesiredConfig(
                gateway.id(),
                yaml,
                ConfigVersion.of(yaml),
                setBy,
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                rolloutId);
        Optional<DesiredConfig> before = store.find(gateway.id());
        store.put(c);
        if (before.isEmpty() || !before.get().version().equals(c.version())) {
            events.publishEvent(new DesiredStateChanged(gateway.id()));
        }
        return c;
    }

    /**
     * Checks a file for a gateway without storing it.
     *
     * @throws ConfigRefused with every problem
     */
    public static void check(Gateway gateway, String yaml) {
        int bytes = yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new ConfigRefused(
                    "the gateway file of '" + gateway.id() + "' is too large",
                    List.of(DesiredConfigCheck.fileName(gateway.id()) + ":1:1: the file has " + bytes
                            + " bytes (allowed: at most " + MAX_BYTES + ")"));
        }
        List<String> problems = DesiredConfigCheck.problems(gateway, yaml);
        if (!problems.isEmpty()) {
            throw new ConfigRefused(
                    DesiredConfigCheck.fileName(gateway.id()) + ": " + problems.size() + " problem"
                            + (problems.size() == 1 ? "" : "s"),
                    problems);
        }
    }

    public Optional<DesiredConfig> find(String gatewayId) {
        return store.find(gatewayId);
    }

    /** Removes a gateway's desired file; whether there was one. */
    public boolean delete(String gatewayId) {
        boolean had = store.delete(gatewayId);
        if (had) {
            events.publishEvent(new DesiredStateChanged(gatewayId));
        }
        return had;
    }
}
