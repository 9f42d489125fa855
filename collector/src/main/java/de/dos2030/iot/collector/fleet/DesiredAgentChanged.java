package de.dos2030.iot.collector.fleet;

/** Application event: a gateway's desired agent release changed, so its desired state is published again. */
public record DesiredAgentChanged(String gatewayId) {}
