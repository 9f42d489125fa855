package de.dos2030.iot.fleet;

import de.dos2030.iot.config.model.Endpoint;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.OutboxConfig;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SiteConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.config.model.UplinkConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One fleet member's configuration from a template gateway file: its own id, site, outbox
 * directory, broker URL and credentials file (client id = gateway id), no alternative uplink (the
 * test is about the MQTT path), and simulation seeds shifted by the member's index so that the
 * gateways do not all see the same truck at the same moment. Everything else (sensors, rules,
 * batching, sync policy) stays as in the template.
 */
final class GatewayDerivation {
    private static final long SEED_STRIDE = 1000;

    private GatewayDerivation() {}

    static GatewayConfig derive(GatewayConfig template, FleetPlan.Member member, URI broker, Path gatewayDir) {
        SiteConfig t = template.site();
        SiteConfig site = new SiteConfig(
                member.siteId(),
                t.kind(),
                t.name() + " (" + member.siteId() + ")",
                t.address(),
                t.position(),
                t.timeZone(),
                t.locations());
        Endpoint p = template.uplink().primary();
        Path credentials = gatewayDir.resolve("mqtt.properties");
        Endpoint primary = new Endpoint(
                broker,
                member.gatewayId(),
                java.nio.file.Files.exists(credentials) ? Optional.of(credentials) : Optional.empty(),
                p.ackTimeout());
        UplinkConfig uplink = new UplinkConfig(
                primary,
                Optional.empty(),
                template.uplink().batching(),
                template.uplink().alerts());
        OutboxConfig o = template.outbox();
        OutboxConfig outbox =
                new OutboxConfig(gatewayDir.resolve("outbox"), o.maxBytes(), o.sync(), o.syncInterval(), o.evict());
        return new GatewayConfig(
                member.gatewayId(),
                site,
                uplink,
                outbox,
                template.sensors().stream().map(s -> reseed(s, member.index())).toList(),
                template.outputs());
    }

    private static SensorConfig reseed(SensorConfig s, int index) {
        if (!(s.source() instanceof SourceConfig.Simulated sim)) {
            return s;
        }
        return s.withSource(new SourceConfig.Simulated(sim.scenario(), sim.seed() + SEED_STRIDE * index, sim.damage()));
    }
}
