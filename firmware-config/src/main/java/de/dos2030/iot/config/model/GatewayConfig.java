package de.dos2030.iot.config.model;

import java.util.List;

/**
 * One gateway, as described by one YAML file: the root of the model. Everything in it is
 * immutable and checked: the constructor enforces {@link GatewayInvariants} across sensors and
 * outputs, and each part enforces its own. Load one with
 * {@code de.dos2030.iot.config.load.GatewayConfigLoader}.
 */
public record GatewayConfig(
        String id,
        SiteConfig site,
        UplinkConfig uplink,
        OutboxConfig outbox,
        List<SensorConfig> sensors,
        OutputsConfig outputs,
        java.util.Optional<FleetConfig> fleet) {

    public GatewayConfig {
        sensors = sensors == null ? null : List.copyOf(sensors);
        fleet = fleet == null ? java.util.Optional.empty() : fleet;
        Violation.throwIfAny("gateway " + id, GatewayInvariants.violations(id, site, uplink, outbox, sensors, outputs));
    }

    /** A gateway without a {@code fleet:} section: no remote configuration, no updates. */
    public GatewayConfig(
            String id,
            SiteConfig site,
            UplinkConfig uplink,
            OutboxConfig outbox,
            List<SensorConfig> sensors,
            OutputsConfig outputs) {
        this(id, site, uplink, outbox, sensors, outputs, java.util.Optional.empty());
    }

    /** The location of every sensor that has one (derived tilt ids included): see {@link SensorLocations}. */
    public java.util.Map<String, LocationConfig> sensorLocations() {
        return SensorLocations.of(site, sensors);
    }

    /** The sensor with this id. */
    public java.util.Optional<SensorConfig> sensor(String sensorId) {
        return sensors.stream().filter(s -> s.id().equals(sensorId)).findFirst();
    }
}
