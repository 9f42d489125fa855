package de.dos2030.iot.edge.pipeline.action;

import java.util.Optional;

/**
 * What the local outputs show now: for {@code watch} and tests.
 *
 * @param light  the traffic light's colour; empty when none is configured
 * @param buzzer true while the buzzer sounds; false also when none is configured
 */
public record OutputState(Optional<Light> light, boolean buzzer) {}
