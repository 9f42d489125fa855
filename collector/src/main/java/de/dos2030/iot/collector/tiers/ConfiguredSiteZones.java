package de.dos2030.iot.collector.tiers;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.ZoneId;

/** Every site in {@code collector.rollup.default-zone}: the fallback until a registry of places replaces it. */
@Singleton
@Secondary
public class ConfiguredSiteZones implements SiteZones {
    private final ZoneId zone;

    public ConfiguredSiteZones(RollupConfig config) {
        this.zone = config.zone();
    }

    @Override
    public ZoneId zoneOf(String siteId) {
        return zone;
    }
}
