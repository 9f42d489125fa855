/**
 * A simulated fleet in one JVM, for load and fault-injection tests: many {@code Agent}s, each with
 * its own configuration derived from a template gateway file, its own outbox, state directory and
 * MQTT client, its simulated sensors on the real clock. Each gateway writes a generation log (what
 * it journaled, what the collector confirmed) that {@code fleet-harness verify} compares with InfluxDB and
 * with a webhook receiver's log. Not used on a gateway.
 */
package de.dos2030.iot.fleet;
