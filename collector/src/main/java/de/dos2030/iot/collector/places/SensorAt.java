package de.dos2030.iot.collector.places;

import io.micronaut.serde.annotation.Serdeable;

/** A sensor of a gateway at a location of a site, as its gateway reported. */
@Serdeable
public record SensorAt(String gateway, String sensor, String site, String location) {}
