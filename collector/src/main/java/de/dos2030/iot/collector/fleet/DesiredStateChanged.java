package de.dos2030.iot.collector.fleet;

/** Application event: a gateway's desired configuration was set or removed; its desired state goes out again. */
public record DesiredStateChanged(String gatewayId) {}
