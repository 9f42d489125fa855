package de.dos2030.iot.collector.alerts;

/** Published after a transaction that recorded alert events committed: delivery and streams look at once. */
public record AlertRecorded(long lastEventId) {}
